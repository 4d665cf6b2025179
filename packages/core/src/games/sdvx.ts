import type { GameConfig } from './types.ts';

export const SDVX_LAMPS = [
  'FAILED',
  'CLEAR',
  'EXCESSIVE CLEAR',
  'MAXXIVE CLEAR',
  'ULTIMATE CHAIN',
  'PERFECT ULTIMATE CHAIN',
] as const;

export const SDVX_GRADES = ['D', 'C', 'B', 'A', 'A+', 'AA', 'AA+', 'AAA', 'AAA+', 'S', 'PUC'] as const;

/** difficulties ANY_INF stands for with sdvxInGameID */
export const SDVX_ANY_INF = ['INF', 'GRV', 'HVN', 'VVD', 'XCD'] as const;

export const sdvxConfig: GameConfig = {
  game: 'sdvx',
  name: 'SOUND VOLTEX',
  playtypes: ['Single'],
  providedMetrics: {
    score: { type: 'INTEGER', min: 0, max: 10_000_000 },
    lamp: { type: 'ENUM', values: SDVX_LAMPS },
  },
  derivedMetrics: {
    grade: { type: 'ENUM', values: SDVX_GRADES },
  },
  optionalMetrics: {
    fast: { spec: { type: 'INTEGER', min: 0 }, partOfScoreID: false },
    slow: { spec: { type: 'INTEGER', min: 0 }, partOfScoreID: false },
    maxCombo: { spec: { type: 'INTEGER', min: 0 }, partOfScoreID: false },
    exScore: { spec: { type: 'INTEGER' }, partOfScoreID: true },
    gauge: { spec: { type: 'DECIMAL', min: 0, max: 100 }, partOfScoreID: false },
  },
  defaultMetric: 'score',
  judgements: ['critical', 'near', 'miss'],
  difficulties: ['NOV', 'ADV', 'EXH', 'INF', 'GRV', 'HVN', 'VVD', 'XCD', 'MXM', 'ULT'],
  defaultDifficulty: 'EXH',
  versions: ['booth', 'inf', 'gw', 'heaven', 'vivid', 'exceed', 'konaste'],
  supportedMatchTypes: ['sdvxInGameID', 'songTitle', 'tachiSongID'],
  classes: {
    dan: {
      type: 'PROVIDED',
      values: ['DAN_1', 'DAN_2', 'DAN_3', 'DAN_4', 'DAN_5', 'DAN_6', 'DAN_7', 'DAN_8', 'DAN_9', 'DAN_10', 'DAN_11', 'INF'],
    },
    vfClass: {
      type: 'DERIVED',
      values: [
        'SIENNA_I', 'SIENNA_II', 'SIENNA_III', 'SIENNA_IV',
        'COBALT_I', 'COBALT_II', 'COBALT_III', 'COBALT_IV',
        'DANDELION_I', 'DANDELION_II', 'DANDELION_III', 'DANDELION_IV',
        'CYAN_I', 'CYAN_II', 'CYAN_III', 'CYAN_IV',
        'SCARLET_I', 'SCARLET_II', 'SCARLET_III', 'SCARLET_IV',
        'CORAL_I', 'CORAL_II', 'CORAL_III', 'CORAL_IV',
        'ARGENTO_I', 'ARGENTO_II', 'ARGENTO_III', 'ARGENTO_IV',
        'ELDORA_I', 'ELDORA_II', 'ELDORA_III', 'ELDORA_IV',
        'CRIMSON_I', 'CRIMSON_II', 'CRIMSON_III', 'CRIMSON_IV',
        'IMPERIAL_I', 'IMPERIAL_II', 'IMPERIAL_III', 'IMPERIAL_IV',
      ],
    },
  },
};
