/**
 * `ir/usc`: a score as unnamed-sdvx-clone POSTs it to /ir/usc/:playtype/scores under the USC IR
 * protocol (Tachi's ParseIRUSC); the route passes the chart's hash and the playtype.
 */
import { ImportFatalError } from '../../../errors.ts';
import type { ImportContext, ImportInput, ParsedImport } from '../../types.ts';
import { formatPrError, isRecord, p, prudence, type PrSchema } from '../../common/prudence.ts';
import { readJSONBody } from '../fervidex/parse.ts';

export interface USCClientScore {
  score: number;
  gauge: number;
  timestamp: number;
  crit: number;
  near: number;
  error: number;
  early: number | null;
  late: number | null;
  combo: number | null;
  options: {
    gaugeType: 0 | 1 | 2;
    gaugeOpt: number;
    mirror: boolean;
    random: boolean;
    autoFlags: number;
  };
  windows: { perfect: number; good: number; hold: number; miss: number; slam: number };
}

export interface USCClientChart {
  chartHash: string;
  artist: string;
  title: string;
  level: number;
  difficulty: 0 | 1 | 2 | 3;
  effector: string;
  illustrator: string;
  bpm: string;
}

export interface USCContext extends ImportContext {
  game: 'usc';
  chartHash: string;
  playtype: 'Controller' | 'Keyboard';
  timeReceived: number;
}

const PR_USCIR_SCORE: PrSchema = {
  score: p.isBoundedInteger(0, 10_000_000),
  gauge: p.isBetween(0, 1),
  timestamp: p.isPositiveInteger,
  crit: p.isPositiveInteger,
  near: p.isPositiveInteger,
  error: p.isPositiveInteger,
  early: p.optional(p.isPositiveInteger),
  late: p.optional(p.isPositiveInteger),
  combo: p.optional(p.isPositiveInteger),
  options: {
    gaugeType: p.isIn(0, 1, 2),
    mirror: 'boolean',
    random: 'boolean',
    autoFlags: p.isInteger,
  },
  windows: {
    perfect: p.isPositive,
    good: p.isPositive,
    hold: p.isPositive,
    miss: p.isPositive,
    slam: p.isPositive,
  },
};

const PR_USCIR_CHART_DOC: PrSchema = {
  chartHash: 'string',
  artist: 'string',
  title: 'string',
  level: p.isBoundedInteger(1, 20),
  difficulty: p.isBoundedInteger(0, 3),
  effector: 'string',
  illustrator: 'string',
  bpm: 'string',
};

/** The `chart` of POST /scores, checked as Tachi's route does: null when valid, else its message. */
export function checkUSCChart(body: unknown): string | null {
  const err = prudence(isRecord(body) ? body.chart : undefined, PR_USCIR_CHART_DOC, {}, { allowExcessKeys: true });
  return err ? formatPrError(err, 'Invalid chart.') : null;
}

export function parseUSC(input: ImportInput): ParsedImport<USCClientScore, USCContext> {
  const { chartHash, playtype } = input.options;
  if (typeof chartHash !== 'string' || (playtype !== 'Controller' && playtype !== 'Keyboard')) {
    throw new ImportFatalError(400, 'Invalid playtype. Expected Keyboard or Controller.');
  }
  const body = readJSONBody(input);
  const raw = isRecord(body) ? body.score : undefined;
  const err = prudence(raw, PR_USCIR_SCORE, {}, { allowExcessKeys: true });
  if (err) throw new ImportFatalError(400, formatPrError(err, 'Invalid USC Score.'));
  const score = { ...(raw as USCClientScore) };
  // null rather than missing, as Tachi stores them
  score.early ??= null;
  score.late ??= null;
  score.combo ??= null;
  return { game: 'usc', context: { game: 'usc', chartHash, playtype, timeReceived: input.submittedAt }, datapoints: [score], classes: null };
}
