/**
 * `ir/fervidex-static`: the profile fervidex POSTs to /ir/fervidex/profile/submit when the game
 * loads (Tachi's ParseFervidexStatic): every chart's lamp and EX score, only imported for
 * INFINITAS 2 (the route says so with `shouldImportScores`), and the SP/DP dans.
 */
import { assertPositiveInt } from '../../../charts/resolve.ts';
import { ImportFatalError, ScoreFailure } from '../../../errors.ts';
import { gpt } from '../../../games/registry.ts';
import type { ImportContext, ImportInput, ParsedImport, ProvidedClasses } from '../../types.ts';
import { formatPrError, isRecord, p, prudence, type PrSchema } from '../../common/prudence.ts';
import { FERVIDEX_CHARTS, readJSONBody, versionOfModel, type FervidexChart } from '../fervidex/parse.ts';

export interface FervidexStaticScore {
  clear_type: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;
  ex_score: number;
  /** BP (not combo breaks); -1 or null when unknown */
  miss_count: number | null;
  chart: FervidexChart;
  song_id: number;
}

export interface FervidexStaticContext extends ImportContext {
  game: 'iidx';
  version: string;
}

const PR_FERVIDEX_STATIC: PrSchema = {
  ex_score: p.isPositiveInteger,
  miss_count: p.optional(p.nullable(p.or(p.isPositiveInteger, p.is(-1)))),
  clear_type: p.isBoundedInteger(0, 7),
};

const fatal = (message: string) => new ImportFatalError(400, message);

/** Tachi's CreateFerStaticClassProvider: `sp_dan` / `dp_dan` are indexes into each playtype's dans. */
export function ferStaticClasses(body: unknown): ProvidedClasses | null {
  if (!isRecord(body)) return null;
  const classes: Record<string, Record<string, string>> = {};
  for (const [playtype, key] of [
    ['SP', 'sp_dan'],
    ['DP', 'dp_dan'],
  ] as const) {
    const index = body[key];
    if (!Number.isInteger(index)) continue;
    const dan = gpt('iidx', playtype).config.classes.dan.values[index as number];
    if (dan !== undefined) classes[playtype] = { dan };
  }
  return Object.keys(classes).length > 0 ? classes : null;
}

export function parseFervidexStatic(input: ImportInput): ParsedImport<FervidexStaticScore, FervidexStaticContext> {
  const version = versionOfModel(input.options.model);
  const body = readJSONBody(input);
  const context: FervidexStaticContext = { game: 'iidx', version };
  const classes = ferStaticClasses(body);

  // a game other than INFINITAS 2 only syncs dans
  if (input.options.shouldImportScores !== 'true') return { game: 'iidx', context, datapoints: [], classes };

  const staticScores = isRecord(body) ? body.scores : undefined;
  if (!isRecord(staticScores)) throw fatal('Invalid body.scores.');

  const scores: FervidexStaticScore[] = [];
  for (const [songID, subScores] of Object.entries(staticScores)) {
    let intSongID: number;
    try {
      intSongID = assertPositiveInt(songID, `Invalid songID ${songID}.`);
    } catch (err) {
      if (err instanceof ScoreFailure) throw fatal(err.message);
      throw err;
    }
    if (!isRecord(subScores)) throw fatal(`Invalid score with songID ${songID}.`);

    for (const [chart, score] of Object.entries(subScores)) {
      if (!isRecord(score)) throw fatal(`Invalid score with songID ${songID} at chart ${chart}.`);
      if (!(FERVIDEX_CHARTS as readonly string[]).includes(chart)) throw fatal(`Invalid chart ${chart}.`);
      const err = prudence(score, PR_FERVIDEX_STATIC);
      if (err) throw fatal(formatPrError(err, `Invalid Score with songID ${songID} at chart ${chart}`));
      // BEGINNER charts are skipped (Tachi's converter: SkipScoreFailure, no score and no error)
      if (chart.endsWith('b')) continue;
      const sc = score as { clear_type: FervidexStaticScore['clear_type']; ex_score: number; miss_count?: number | null };
      scores.push({
        song_id: intSongID,
        chart: chart as FervidexChart,
        clear_type: sc.clear_type,
        ex_score: sc.ex_score,
        miss_count: sc.miss_count === undefined ? null : sc.miss_count,
      });
    }
  }
  return { game: 'iidx', context, datapoints: scores, classes };
}
