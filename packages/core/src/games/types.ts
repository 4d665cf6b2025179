/** Static description of a game, mirroring Tachi's game-support config (spec §5). */

export type GameName = 'sdvx' | 'chunithm';

export type MetricSpec =
  | { type: 'INTEGER'; min?: number; max?: number; /** schema message when out of range */ rangeMessage?: string }
  | { type: 'DECIMAL'; min?: number; max?: number; rangeMessage?: string }
  | { type: 'ENUM'; values: readonly string[] }
  | { type: 'GRAPH'; min: number; max: number };

export interface OptionalMetricSpec {
  spec: MetricSpec;
  /** true if the metric takes part in the scoreID hash (spec §3.5) */
  partOfScoreID: boolean;
}

export interface ClassSetSpec {
  type: 'PROVIDED' | 'DERIVED';
  /** class IDs in ascending order: a higher index is an improvement */
  values: readonly string[];
}

export interface ChartDocument {
  chartID: string;
  songID: number;
  difficulty: string;
  level: string;
  levelNum: number;
  playtype: string;
  isPrimary: boolean;
  versions: string[];
  data: { inGameID: number | number[]; [k: string]: unknown };
  [k: string]: unknown;
}

export interface SongDocument {
  id: number;
  title: string;
  artist: string;
  altTitles: string[];
  searchTerms: string[];
  data: Record<string, unknown>;
}

export interface GameConfig {
  game: GameName;
  /** display name, e.g. "SOUND VOLTEX" */
  name: string;
  playtypes: readonly string[];
  /** provided metrics in declaration order (schema checks them in this order) */
  providedMetrics: Record<string, MetricSpec>;
  derivedMetrics: Record<string, MetricSpec>;
  optionalMetrics: Record<string, OptionalMetricSpec>;
  /** the metric PBs and rankings sort by */
  defaultMetric: string;
  judgements: readonly string[];
  difficulties: readonly string[];
  defaultDifficulty: string;
  versions: readonly string[];
  supportedMatchTypes: readonly string[];
  classes: Record<string, ClassSetSpec>;
}

/** Every matchType BATCH-MANUAL knows, whichever game supports it (spec §3.2). */
export const ALL_MATCH_TYPES = [
  'songTitle',
  'tachiSongID',
  'bmsChartHash',
  'itgChartHash',
  'sdvxInGameID',
  'inGameID',
  'inGameStrID',
  'uscChartHash',
  'popnChartHash',
  'ddrSongHash',
] as const;
