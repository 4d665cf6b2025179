/** beatmania IIDX (SP, DP): config from Tachi's game-support, rules from its iidx.ts implementation. */
import { PoyashiBPI } from 'rg-stats';
import type { ChartDocument, GameModule, GPTRules } from '../types.ts';
import { IIDXLIKE_CHART_VALIDATORS, IIDXLIKE_DERIVERS, IIDXLIKE_LOWEST_BP_MERGE, IIDXLIKE_SCORE_VALIDATORS } from '../common/iidx-like.ts';
import { bestLampMerge } from '../common/pb-merges.ts';
import { profileAvgBestN, sessionAvgBestN } from '../common/ratings.ts';
import { IIDX_DP, IIDX_SP } from './config.ts';

/** A tierlist entry of chart.data (ncTier, hcTier, exhcTier, dpTier): `{ value, text, individualDifference }` or null. */
function tierValue(chart: ChartDocument, key: string): number | undefined {
  const tier = chart.data[key] as { value?: number } | null | undefined;
  return tier?.value ?? undefined;
}

/**
 * Tachi's BPICalc: rg-stats' PoyashiBPI from the chart's kaiden average, world record and
 * coefficient (Tachi's seeds have them for 11s and 12s only); null without them.
 */
export function iidxBPI(exScore: number, chart: ChartDocument): number | null {
  const { kaidenAverage, worldRecord, notecount, bpiCoefficient } = chart.data as {
    kaidenAverage?: number | null;
    worldRecord?: number | null;
    notecount: number;
    bpiCoefficient?: number | null;
  };
  // Tachi tests `=== null`; a chart whose data lacks the fields altogether is treated the same
  if (kaidenAverage === null || kaidenAverage === undefined || worldRecord === null || worldRecord === undefined) return null;
  return PoyashiBPI.calculate(exScore, kaidenAverage, worldRecord, notecount * 2, bpiCoefficient ?? null);
}

/**
 * SP ktLampRating: CLEAR is worth the NC tier (the chart's level without one), HARD CLEAR the HC tier,
 * EX HARD CLEAR and FULL COMBO the EXHC tier; a better lamp is never worth less than a worse one.
 */
export function ktLampRatingSP(lamp: unknown, chart: ChartDocument): number {
  const nc = tierValue(chart, 'ncTier') ?? chart.levelNum;
  const hc = Math.max(tierValue(chart, 'hcTier') ?? 0, nc);
  const exhc = Math.max(tierValue(chart, 'exhcTier') ?? 0, hc);
  switch (lamp) {
    case 'FULL COMBO':
    case 'EX HARD CLEAR':
      return exhc;
    case 'HARD CLEAR':
      return hc;
    case 'CLEAR':
      return nc;
    default:
      return 0;
  }
}

/** DP ktLampRating: any clear from EASY CLEAR up is worth the DP tier (the chart's level without one). */
export function ktLampRatingDP(lamp: unknown, chart: ChartDocument): number {
  const ec = tierValue(chart, 'dpTier') ?? chart.levelNum;
  switch (lamp) {
    case 'FULL COMBO':
    case 'EX HARD CLEAR':
    case 'HARD CLEAR':
    case 'CLEAR':
    case 'EASY CLEAR':
      return ec;
    default:
      return 0;
  }
}

const shared: Omit<GPTRules, 'scoreRatings'> = {
  derivers: IIDXLIKE_DERIVERS,
  chartValidators: IIDXLIKE_CHART_VALIDATORS,
  scoreValidators: IIDXLIKE_SCORE_VALIDATORS,
  // key order as Tachi's implementation (BPI first): it is calculatedData's key order
  sessionRatings: { BPI: sessionAvgBestN('BPI'), ktLampRating: sessionAvgBestN('ktLampRating') },
  profileRatings: { BPI: profileAvgBestN('BPI', 20, true), ktLampRating: profileAvgBestN('ktLampRating', 20) },
  classDerivers: {},
  defaultMergeName: 'Best Score',
  pbMerges: [
    // what belongs to the lamp's play comes with it
    bestLampMerge(['gsmEasy', 'gsmNormal', 'gsmHard', 'gsmEXHard', 'gauge', 'gaugeHistory', 'comboBreak']),
    IIDXLIKE_LOWEST_BP_MERGE,
  ],
};

const bpi: GPTRules['scoreRatings'][string] = (scoreData, chart) => iidxBPI(scoreData.score as number, chart);

export const iidx: GameModule = {
  game: 'iidx',
  name: 'beatmania IIDX',
  playtypes: ['SP', 'DP'],
  gpt: {
    SP: { config: IIDX_SP, rules: { ...shared, scoreRatings: { BPI: bpi, ktLampRating: (s, chart) => ktLampRatingSP(s.lamp, chart) } } },
    DP: { config: IIDX_DP, rules: { ...shared, scoreRatings: { BPI: bpi, ktLampRating: (s, chart) => ktLampRatingDP(s.lamp, chart) } } },
  },
  notes: "No bundled charts (Tachi's charts-iidx.json is too large to serve here): load them with `npm run cli -- seed --from <dir>`.",
};
