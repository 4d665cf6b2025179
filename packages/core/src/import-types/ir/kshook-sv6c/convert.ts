/** One Konaste hook score → a dry score (Tachi's ConverterIRKsHookSV6C). */
import type { GameCharts } from '../../../charts/chart-index.ts';
import { ScoreFailure } from '../../../errors.ts';
import type { ChartDocument, SongDocument } from '../../../games/types.ts';
import type { ConvertedScore } from '../../types.ts';
import { findSDVXChartOnInGameIDVersion } from '../common/sdvx.ts';
import type { KsHookSV6CContext, KsHookSV6CScore, SV6CClear, SV6CDifficulty } from './parse.ts';

const LAMPS: Record<SV6CClear, string> = {
  CLEAR_PLAYED: 'FAILED',
  CLEAR_EFFECTIVE: 'CLEAR',
  CLEAR_EXCESSIVE: 'EXCESSIVE CLEAR',
  CLEAR_ULTIMATE_CHAIN: 'ULTIMATE CHAIN',
  CLEAR_PERFECT: 'PERFECT ULTIMATE CHAIN',
  CLEAR_MAXXIVE: 'MAXXIVE CLEAR',
};

/** Tachi's SV6CConvertLamp */
export function sv6cLamp(clear: SV6CClear): string {
  if (!Object.hasOwn(LAMPS, clear)) throw new ScoreFailure('InvalidDatapoint', `Invalid lamp of ${String(clear)} - Could not convert.`);
  return LAMPS[clear];
}

/** Tachi's SV6CConvertDifficulty: INFINITE is the fourth slot (ANY_INF); anything else unknown is MXM */
export function sv6cDifficulty(difficulty: SV6CDifficulty): 'NOV' | 'ADV' | 'EXH' | 'ANY_INF' | 'MXM' {
  if (difficulty === 'DIFFICULTY_NOVICE') return 'NOV';
  if (difficulty === 'DIFFICULTY_ADVANCED') return 'ADV';
  if (difficulty === 'DIFFICULTY_EXHAUST') return 'EXH';
  if (difficulty === 'DIFFICULTY_INFINITE') return 'ANY_INF';
  return 'MXM';
}

/** The Konaste chart of a hook score, or SongOrChartNotFound with Tachi's message. */
export function konasteChart(charts: GameCharts, musicID: number, difficulty: SV6CDifficulty): { chart: ChartDocument; song: SongDocument } {
  const diff = sv6cDifficulty(difficulty);
  const { chart, song } = findSDVXChartOnInGameIDVersion(charts, musicID, diff, 'konaste');
  if (!chart || !song) throw new ScoreFailure('SongOrChartNotFound', `Could not find chart with songID ${musicID} (${diff} for Konaste).`);
  return { chart, song };
}

export function convertKsHookSV6C(data: KsHookSV6CScore, context: KsHookSV6CContext, charts: GameCharts): ConvertedScore {
  const { chart, song } = konasteChart(charts, data.music_id, data.difficulty);
  return {
    song,
    chart,
    dryScore: {
      game: 'sdvx',
      service: 'kshook SV6C',
      importType: 'ir/kshook-sv6c',
      comment: null,
      timeAchieved: context.timeReceived,
      scoreData: {
        score: data.score,
        lamp: sv6cLamp(data.clear),
        judgements: { critical: data.critical, near: data.near, miss: data.error },
        optional: { gauge: data.gauge / 100, maxCombo: data.max_chain, exScore: data.ex_score },
      },
      scoreMeta: {},
    },
  };
}
