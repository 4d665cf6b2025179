/** A USC IR score → a USC dry score (Tachi's ConverterIRUSC). */
import type { GameCharts } from '../../../charts/chart-index.ts';
import type { DryScore } from '../../../documents.ts';
import { ScoreFailure } from '../../../errors.ts';
import type { ChartDocument } from '../../../games/types.ts';
import type { ConvertedScore } from '../../types.ts';
import { songOf } from '../fervidex/convert.ts';
import type { USCClientScore, USCContext } from './parse.ts';

/** USC's default hit windows (ms): a score with others is refused */
export const USC_DEFAULT_WINDOWS = { perfect: 46, good: 150, hold: 150, miss: 300, slam: 84 } as const;

export function deriveNoteMod(data: USCClientScore): 'MIR-RAN' | 'MIRROR' | 'NORMAL' | 'RANDOM' {
  if (data.options.mirror && data.options.random) return 'MIR-RAN';
  if (data.options.mirror) return 'MIRROR';
  if (data.options.random) return 'RANDOM';
  return 'NORMAL';
}

export function deriveLamp(data: USCClientScore): string {
  if (data.score === 10_000_000) return 'PERFECT ULTIMATE CHAIN';
  if (data.error === 0) return 'ULTIMATE CHAIN';
  switch (data.options.gaugeType) {
    case 0:
      return data.gauge >= 0.7 ? 'CLEAR' : 'FAILED';
    case 1:
      return data.gauge > 0 ? 'EXCESSIVE CLEAR' : 'FAILED';
    default:
      return 'FAILED';
  }
}

const GAUGE_MODS = ['NORMAL', 'HARD', 'PERMISSIVE'] as const;

/** the chart a USC hash names for a playtype (Tachi: data.hashSHA1 and playtype) */
export function findUSCChart(charts: GameCharts, chartHash: string, playtype: string): ChartDocument | null {
  return charts.chartsWhere('hashSHA1', chartHash).find((c) => c.playtype === playtype) ?? null;
}

export function convertUSC(data: USCClientScore, context: USCContext, charts: GameCharts): ConvertedScore {
  const w = data.windows;
  const d = USC_DEFAULT_WINDOWS;
  if (w.perfect !== d.perfect || w.good !== d.good || w.hold !== d.hold || w.miss !== d.miss || w.slam !== d.slam) {
    throw new ScoreFailure('InvalidDatapoint', 'HitWindows have been modified - Score is invalid.');
  }
  // any auto-like option
  if (data.options.autoFlags !== 0) throw new ScoreFailure('InvalidDatapoint', 'Autoplay was enabled - Score is invalid.');

  const chart = findUSCChart(charts, context.chartHash, context.playtype);
  if (!chart) throw new ScoreFailure('SongOrChartNotFound', `Chart ${context.chartHash} is not on the IR.`);
  const song = songOf(charts, chart);

  const dryScore: DryScore = {
    comment: null,
    game: 'usc',
    importType: 'ir/usc',
    timeAchieved: context.timeReceived,
    service: 'USC-IR',
    scoreData: {
      score: data.score,
      lamp: deriveLamp(data),
      judgements: { critical: data.crit, near: data.near, miss: data.error },
      optional: { gauge: data.gauge, fast: data.early, slow: data.late, maxCombo: data.combo },
    },
    scoreMeta: { gaugeMod: GAUGE_MODS[data.options.gaugeType], noteMod: deriveNoteMod(data) },
  };
  return { dryScore, song, chart };
}
