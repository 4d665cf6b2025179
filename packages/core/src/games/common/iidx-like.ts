/**
 * What beatmania IIDX, BMS and PMS share (Tachi's IIDXLIKE_* in game-implementations/games/_common.ts
 * and common/src/constants/grade-boundaries.ts, plus bms-pms.ts, which BMS and PMS share whole):
 * EX score out of 2 × notecount, the ninths grades, the EX-score chart check, the PGreat check,
 * the Lowest BP PB merge, and for BMS/PMS the sieglinde lookups and PB merges.
 */
import type { ChartDocument, GPTRules, MetricSpec, OptionalMetricSpec, ScoreMetaField } from '../types.ts';
import { p } from './checks.ts';
import { gradeBoundaries, gradeFor } from './grades.ts';
import { FAST_SLOW_MAXCOMBO } from './metrics.ts';
import { bestLampMerge, mergeFor } from './pb-merges.ts';
import { profileAvgBestN, sessionAvgBestN } from './ratings.ts';

export const IIDXLIKE_LAMPS = [
  'NO PLAY',
  'FAILED',
  'ASSIST CLEAR',
  'EASY CLEAR',
  'CLEAR',
  'HARD CLEAR',
  'EX HARD CLEAR',
  'FULL COMBO',
] as const;

export const IIDXLIKE_GRADES = ['F', 'E', 'D', 'C', 'B', 'A', 'AA', 'AAA', 'MAX-', 'MAX'] as const;

/** In ninths, computed as (100 × k) / 9 exactly as Tachi does (100 × (k / 9) rounds differently). */
export const IIDXLIKE_GBOUNDARIES = gradeBoundaries({
  F: 0,
  E: (100 * 2) / 9,
  D: (100 * 3) / 9,
  C: (100 * 4) / 9,
  B: (100 * 5) / 9,
  A: (100 * 6) / 9,
  AA: (100 * 7) / 9,
  AAA: (100 * 8) / 9,
  'MAX-': (100 * 17) / 18,
  MAX: (100 * 9) / 9,
});

/** The EX score: its bound (2 × notecount) is the chart's, checked by EX_SCORE_CHECK. */
export const IIDXLIKE_SCORE: MetricSpec = { type: 'INTEGER', chartDependentMax: true };
export const IIDXLIKE_LAMP: MetricSpec = { type: 'ENUM', values: IIDXLIKE_LAMPS, minimumRelevantValue: 'EASY CLEAR' };
export const IIDXLIKE_PERCENT: MetricSpec = { type: 'DECIMAL', validate: p.isBetween(0, 100) };
export const IIDXLIKE_GRADE: MetricSpec = { type: 'ENUM', values: IIDXLIKE_GRADES, minimumRelevantValue: 'A' };

export const IIDXLIKE_JUDGEMENTS = ['pgreat', 'great', 'good', 'bad', 'poor'] as const;

/** BMS's random option values (IIDX lists the same five in another order). */
export const BMS_RANDOM = ['MIRROR', 'NONRAN', 'R-RANDOM', 'RANDOM', 'S-RANDOM'] as const;

const notecount = (chart: ChartDocument) => chart.data.notecount as number;

/** percent = 100 × EX / (2 × notecount), in Tachi's float order. */
export function iidxLikePercent(exScore: number, notes: number): number {
  return (100 * exScore) / (notes * 2);
}

export const IIDXLIKE_DERIVERS: GPTRules['derivers'] = {
  percent: ({ score }, chart) => iidxLikePercent(score as number, notecount(chart)),
  grade: ({ score }, chart) => gradeFor(IIDXLIKE_GBOUNDARIES, iidxLikePercent(score as number, notecount(chart))),
};

/** Tachi's EX_SCORE_CHECK: 0 ≤ EX ≤ 2 × notecount. */
export const EX_SCORE_CHECK = (exScore: number, chart: ChartDocument): true | string => {
  if (exScore < 0) return 'EX Score cannot be negative.';
  if (exScore > notecount(chart) * 2) return `EX Score cannot be greater than ${notecount(chart) * 2} for this chart.`;
  return true;
};

export const IIDXLIKE_CHART_VALIDATORS: GPTRules['chartValidators'] = { score: EX_SCORE_CHECK };

const isNullish = (v: unknown): v is null | undefined => v === null || v === undefined;

/**
 * PGreat × 2 + Great = EX score, when both are given. Tachi reads `pgreat`, which PMS calls `cool`,
 * so for PMS this check never applies (kept: PMS files Tachi accepts are accepted here too).
 */
export const IIDXLIKE_SCORE_VALIDATORS: GPTRules['scoreValidators'] = [
  (s) => {
    const { pgreat, great } = s.scoreData.judgements;
    if (isNullish(pgreat) || isNullish(great)) return undefined;
    if (pgreat * 2 + great !== s.scoreData.score) {
      return `Expected PGreat*2 + Great to equal EX score. Got ${pgreat}*2 + ${great} but that wasn't equal to the EX score of ${String(s.scoreData.score)}.`;
    }
    return undefined;
  },
];

// ------------------------------------------------------------------------------------------------
// BMS and PMS (Tachi's bms-pms.ts: one implementation for bms:7K, bms:14K, pms:Controller, pms:Keyboard)

/** a count of judgements (Tachi validates these with p.isPositive) */
const COUNT: OptionalMetricSpec = { type: 'INTEGER', validate: p.isPositive };

/** BMS 7K's optional metrics, which 14K and PMS reuse (PMS_CONTROLLER_CONF spreads BMS_7K_CONF's). */
export const BMS_OPTIONAL_METRICS: Readonly<Record<string, OptionalMetricSpec>> = {
  ...FAST_SLOW_MAXCOMBO,
  bp: COUNT,
  gauge: { type: 'DECIMAL', validate: p.isBetween(0, 100) },
  gaugeHistory: { type: 'GRAPH', validate: p.isBetween(0, 100) },
  gaugeHistoryEasy: { type: 'GRAPH', validate: p.isBetween(0, 100) },
  gaugeHistoryGroove: { type: 'GRAPH', validate: p.isBetween(0, 100) },
  gaugeHistoryHard: { type: 'GRAPH', validate: p.isBetween(0, 100) },
  epg: COUNT,
  egr: COUNT,
  egd: COUNT,
  ebd: COUNT,
  epr: COUNT,
  lpg: COUNT,
  lgr: COUNT,
  lgd: COUNT,
  lbd: COUNT,
  lpr: COUNT,
};

/** scoreMeta fields every BMS playtype has besides `random` (zod: optional and nullable). */
export const BMS_SCORE_META_COMMON: Readonly<Record<string, ScoreMetaField>> = {
  inputDevice: { type: 'enum', values: ['BM_CONTROLLER', 'KEYBOARD', 'MIDI'], nullable: true },
  client: { type: 'enum', values: ['lr2oraja', 'LR2'], nullable: true },
  gauge: { type: 'enum', values: ['EASY', 'NORMAL', 'HARD', 'EX-HARD'], nullable: true },
};

/** A chart's sieglinde value (`data.sglEC` / `data.sglHC`), 0 when absent or null. */
const sgl = (chart: ChartDocument, key: 'sglEC' | 'sglHC'): number => (chart.data[key] as number | null | undefined) ?? 0;

/** Tachi's SGLCalc: HC and better earn the larger of sglHC and sglEC, EC and NC sglEC, the rest 0. */
export function sieglinde(lamp: unknown, chart: ChartDocument): number {
  const ec = sgl(chart, 'sglEC');
  const hc = sgl(chart, 'sglHC');
  switch (lamp) {
    case 'FULL COMBO':
    case 'EX HARD CLEAR':
    case 'HARD CLEAR':
      return Math.max(hc, ec);
    case 'CLEAR':
    case 'EASY CLEAR':
      return ec;
    default:
      return 0;
  }
}

/** IIDX's, BMS's and PMS's second PB merge: the lowest BP of any play. */
export const IIDXLIKE_LOWEST_BP_MERGE = mergeFor('smallest', 'optional.bp', 'Lowest BP', (pb, score) => {
  pb.scoreData.optional.bp = score.scoreData.optional.bp;
});

/** Tachi's BMS_IMPL: the rules of every BMS and PMS playtype. */
export const BMS_PMS_RULES: GPTRules = {
  derivers: IIDXLIKE_DERIVERS,
  chartValidators: IIDXLIKE_CHART_VALIDATORS,
  scoreValidators: IIDXLIKE_SCORE_VALIDATORS,
  scoreRatings: { sieglinde: (scoreData, chart) => sieglinde(scoreData.lamp, chart) },
  sessionRatings: { sieglinde: sessionAvgBestN('sieglinde') },
  profileRatings: { sieglinde: profileAvgBestN('sieglinde', 20) },
  classDerivers: {},
  defaultMergeName: 'Best Score',
  pbMerges: [
    // the gauge of the lamp's play goes with it (PMS has the same optional metrics)
    bestLampMerge(['gauge', 'gaugeHistory', 'gaugeHistoryEasy', 'gaugeHistoryGroove', 'gaugeHistoryHard']),
    IIDXLIKE_LOWEST_BP_MERGE,
  ],
};
