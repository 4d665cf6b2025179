import { insertManyIgnoringDuplicates, READ_BATCH, type Database } from '@score-import/db';
import type { GameCharts } from '../charts/chart-index.ts';
import type { ImportErrorEntry, ScoreDocument } from '../documents.ts';
import { ScoreFailure, type UnknownChart } from '../errors.ts';
import { gpt } from '../games/registry.ts';
import type { ImportTypeModule, ParsedImport } from '../import-types/types.ts';
import { pbCandidates } from '../pbs/build-pb.ts';
import { createScoreID } from '../scores/score-id.ts';
import { hydrateScore } from '../scores/hydrate.ts';
import { orphanDocument, type Orphan } from './orphans.ts';
import { progressUpdate, type ProgressReporter } from './progress.ts';
import type { SessionScore } from './sessions.ts';

/** Datapoints converted and inserted per round: memory stays flat in the import's size. */
export const INSERT_CHUNK = 2_000;

export interface InsertedScores {
  /** the import's new scores, input order */
  scoreIDs: string[];
  errors: ImportErrorEntry[];
  orphans: Orphan[];
  skippedDuplicates: number;
  /** the four fields sessions need of each new score */
  sessionScores: SessionScore[];
  /** per chart, the import's scores a PB can be built from (pbCandidates): a few per chart, not all */
  pbInputs: Map<string, ScoreDocument[]>;
}

export interface InsertRequest {
  importID: string;
  userID: number;
  importType: string;
}

/**
 * Converts, hydrates, validates and inserts the datapoints, a chunk at a time, in input order. The
 * unique scoreID index deduplicates (a duplicate that an earlier run of this same import stored is
 * kept as ours; any other is a real duplicate). Only what later steps need is kept.
 * `beforeFirstInsert` sees the first chunk's charts and playtypes before it is inserted (a small
 * import starts its later reads then).
 */
export async function insertScores(
  db: Database,
  req: InsertRequest,
  importType: ImportTypeModule,
  parsed: ParsedImport,
  charts: GameCharts,
  report: ProgressReporter,
  now: () => number,
  beforeFirstInsert?: (chunk: readonly ScoreDocument[], total: number) => void,
  /** queues an unknown chart a datapoint described; the game's charts when that created it */
  queueUnknownChart?: (chart: UnknownChart) => Promise<GameCharts | null>,
): Promise<InsertedScores> {
  const input: (unknown | undefined)[] = parsed.datapoints;
  const total = input.length;
  const out: InsertedScores = { scoreIDs: [], errors: [], orphans: [], skippedDuplicates: 0, sessionScores: [], pbInputs: new Map() };
  const seen = new Set<string>();
  const timeAdded = now();
  /** this import's scores stored by an earlier run of it (read at the first duplicate) */
  let storedByEarlierRun: Map<string, ScoreDocument> | undefined;

  for (let start = 0; start < total; start += INSERT_CHUNK) {
    const end = Math.min(start + INSERT_CHUNK, total);
    const chunk: ScoreDocument[] = [];
    for (let i = start; i < end; i++) {
      const data = input[i];
      input[i] = undefined; // converted: the parsed datapoint can go
      try {
        let converted;
        try {
          converted = importType.convert(data, parsed.context, charts);
        } catch (err) {
          // the chart this datapoint made (queued and played by enough players): converted again
          const created = err instanceof ScoreFailure && err.unknownChart && queueUnknownChart ? await queueUnknownChart(err.unknownChart) : null;
          if (!created) throw err;
          charts = created;
          converted = importType.convert(data, parsed.context, charts);
        }
        const { dryScore, song, chart } = converted;
        const definition = gpt(parsed.game, chart.playtype);
        const scoreID = createScoreID(definition.config, req.userID, chart.chartID, dryScore.scoreData);
        if (seen.has(scoreID)) {
          out.skippedDuplicates++;
          continue;
        }
        seen.add(scoreID);
        const score = hydrateScore(dryScore, definition, { userID: req.userID, chart, song, scoreID, timeAdded, now: now() });
        score.importID = req.importID;
        chunk.push(score);
      } catch (err) {
        if (err instanceof ScoreFailure) {
          if (err.type === 'SongOrChartNotFound') {
            out.orphans.push({
              errorIndex: out.errors.length,
              doc: orphanDocument(req, parsed.game, parsed.context, data, err.message, timeAdded, queueUnknownChart && err.unknownChart?.key),
            });
          }
          out.errors.push({ type: err.type, message: err.message });
        } else {
          out.errors.push({ type: 'InternalError', message: 'An internal service error has occured.' });
        }
      }
    }

    if (start === 0) beforeFirstInsert?.(chunk, total);
    const duplicates = await insertManyIgnoringDuplicates(db.scores, chunk);
    if (duplicates.size > 0) storedByEarlierRun ??= await readImportScores(db, req.importID);
    for (let j = 0; j < chunk.length; j++) {
      let score = chunk[j];
      if (duplicates.has(j)) {
        const stored = storedByEarlierRun?.get(score.scoreID);
        if (!stored) {
          out.skippedDuplicates++;
          continue;
        }
        score = stored;
      }
      out.scoreIDs.push(score.scoreID);
      out.sessionScores.push({ scoreID: score.scoreID, timeAchieved: score.timeAchieved, playtype: score.playtype, calculatedData: score.calculatedData });
      const onChart = out.pbInputs.get(score.chartID);
      out.pbInputs.set(score.chartID, onChart ? pbCandidates(gpt(parsed.game, score.playtype), [...onChart, score]) : [score]);
    }
    report(progressUpdate('convert', end, total, `Imported ${end} of ${total} scores.`));
  }
  report(progressUpdate('insert', out.scoreIDs.length, out.scoreIDs.length, `Inserted ${out.scoreIDs.length} scores.`));
  return out;
}

async function readImportScores(db: Database, importID: string): Promise<Map<string, ScoreDocument>> {
  const stored = (await db.scores.find({ importID }, { projection: { _id: 0 }, batchSize: READ_BATCH }).toArray()) as unknown as ScoreDocument[];
  return new Map(stored.map((s) => [s.scoreID, s]));
}
