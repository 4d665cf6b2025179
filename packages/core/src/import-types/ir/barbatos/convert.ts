/** One Barbatos score → a dry score (Tachi's ConverterIRBarbatos). */
import type { GameCharts } from '../../../charts/chart-index.ts';
import { ScoreFailure } from '../../../errors.ts';
import type { ConvertedScore } from '../../types.ts';
import { findSDVXChartOnInGameIDVersion } from '../common/sdvx.ts';
import type { BarbatosContext, BarbatosScore, BarbatosSDVX6Score } from './parse.ts';

const LAMPS = { 1: 'FAILED', 2: 'CLEAR', 3: 'EXCESSIVE CLEAR', 4: 'ULTIMATE CHAIN', 5: 'PERFECT ULTIMATE CHAIN' } as const;

// 3 is INF, GRV, HVN, VVD or XCD: one difficulty slot in the game
const DIFFICULTIES = { 0: 'NOV', 1: 'ADV', 2: 'EXH', 3: 'ANY_INF', 4: 'MXM' } as const;

const isSDVX6 = (data: BarbatosScore | BarbatosSDVX6Score): data is BarbatosSDVX6Score => 'ex_score' in data;

export function convertBarbatos(data: BarbatosScore | BarbatosSDVX6Score, context: BarbatosContext, charts: GameCharts): ConvertedScore {
  const difficulty = DIFFICULTIES[data.difficulty];
  const { chart, song } = findSDVXChartOnInGameIDVersion(charts, data.song_id, difficulty, context.version);
  if (!chart) throw new ScoreFailure('SongOrChartNotFound', `Could not find chart with songID ${data.song_id} (${difficulty})`);

  const judgements = isSDVX6(data)
    ? { critical: data.early_crit + data.s_crit + data.late_crit, near: data.chip_near, miss: data.early_error + data.late_error }
    : { critical: data.critical, near: data.near_total, miss: data.error };
  const fastSlow = isSDVX6(data) ? { fast: data.early_near, slow: data.late_near } : { fast: data.near_fast, slow: data.near_slow };

  return {
    song: song!,
    chart,
    dryScore: {
      game: 'sdvx',
      service: `Barbatos (${context.version})`,
      importType: 'ir/barbatos',
      comment: null,
      timeAchieved: context.timeReceived,
      scoreData: {
        score: data.score,
        lamp: LAMPS[data.clear_type],
        judgements,
        optional: {
          ...fastSlow,
          gauge: data.percent,
          maxCombo: data.max_chain,
          // only SDVX VI scores have an EX score
          exScore: isSDVX6(data) ? data.ex_score : null,
        },
      },
      // only SDVX V scores say whether they were played in the skill analyser
      scoreMeta: { inSkillAnalyser: isSDVX6(data) ? null : data.is_skill_analyzer },
    },
  };
}
