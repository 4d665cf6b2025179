import type { GameConfig } from './types.ts';

export const CHUNITHM_NOTE_LAMPS = ['NONE', 'FULL COMBO', 'ALL JUSTICE', 'ALL JUSTICE CRITICAL'] as const;
export const CHUNITHM_CLEAR_LAMPS = ['FAILED', 'CLEAR', 'HARD', 'BRAVE', 'ABSOLUTE', 'CATASTROPHY'] as const;
export const CHUNITHM_GRADES = ['D', 'C', 'B', 'BB', 'BBB', 'A', 'AA', 'AAA', 'S', 'S+', 'SS', 'SS+', 'SSS', 'SSS+'] as const;

const CHUNITHM_DANS = ['DAN_I', 'DAN_II', 'DAN_III', 'DAN_IV', 'DAN_V', 'DAN_INFINITE'] as const;

export const chunithmConfig: GameConfig = {
  game: 'chunithm',
  name: 'CHUNITHM',
  playtypes: ['Single'],
  providedMetrics: {
    score: { type: 'INTEGER', min: 0, max: 1_010_000 },
    noteLamp: { type: 'ENUM', values: CHUNITHM_NOTE_LAMPS },
    clearLamp: { type: 'ENUM', values: CHUNITHM_CLEAR_LAMPS },
  },
  derivedMetrics: {
    grade: { type: 'ENUM', values: CHUNITHM_GRADES },
  },
  optionalMetrics: {
    fast: { spec: { type: 'INTEGER', min: 0 }, partOfScoreID: false },
    slow: { spec: { type: 'INTEGER', min: 0 }, partOfScoreID: false },
    maxCombo: { spec: { type: 'INTEGER', min: 0 }, partOfScoreID: false },
    scoreGraph: { spec: { type: 'GRAPH', min: 0, max: 1_010_000 }, partOfScoreID: false },
    lifeGraph: { spec: { type: 'GRAPH', min: 0, max: 999 }, partOfScoreID: false },
  },
  defaultMetric: 'score',
  judgements: ['jcrit', 'justice', 'attack', 'miss'],
  difficulties: ['BASIC', 'ADVANCED', 'EXPERT', 'MASTER', 'ULTIMA'],
  defaultDifficulty: 'MASTER',
  versions: [
    'paradiselost', 'new', 'newplus', 'sun', 'sun-intl', 'sun-omni', 'sunplus', 'sunplus-intl',
    'sunplus-omni', 'luminous', 'luminous-intl', 'luminous-omni', 'luminousplus', 'luminousplus-intl',
    'luminousplus-omni', 'verse', 'verse-intl', 'verse-omni',
  ],
  supportedMatchTypes: ['inGameID', 'songTitle', 'tachiSongID'],
  classes: {
    colour: {
      type: 'DERIVED',
      values: [
        'BLUE', 'GREEN', 'ORANGE', 'RED', 'PURPLE', 'COPPER', 'SILVER', 'GOLD', 'PLATINUM',
        'RAINBOW', 'RAINBOW_II', 'RAINBOW_III', 'RAINBOW_IV', 'RAINBOW_EX_I', 'RAINBOW_EX_II', 'RAINBOW_EX_III',
      ],
    },
    dan: { type: 'PROVIDED', values: CHUNITHM_DANS },
    emblem: { type: 'PROVIDED', values: CHUNITHM_DANS },
  },
};
