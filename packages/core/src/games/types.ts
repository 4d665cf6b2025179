/**
 * What a game is to this service: a data description (Tachi's game-support config, per playtype)
 * plus a small module of rules (Tachi's game implementation). The pipeline reads only these
 * types; it never names a game. A game lives in one folder, games/<game>/, listed once in
 * games/registry.ts.
 */
import type { ScoreData, ScoreDocument, PBDocument } from '../documents.ts';

/** Every game Tachi tracks, by Tachi's name. The registry lists the ones this service imports. */
export const ALL_GAMES = [
  'arcaea',
  'bms',
  'chunithm',
  'ddr',
  'gitadora',
  'iidx',
  'itg',
  'jubeat',
  'maimai',
  'maimaidx',
  'museca',
  'ongeki',
  'pms',
  'popn',
  'sdvx',
  'usc',
  'wacca',
] as const;

export type GameName = (typeof ALL_GAMES)[number];

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

export type MatchType = (typeof ALL_MATCH_TYPES)[number];

/**
 * A prudence-style check of one number: true, or the message prudence would give (Tachi's metric
 * `validate`). Build them with `p` from games/common/checks.ts so the messages are Tachi's.
 */
export type NumberCheck = ((value: number) => true | string) & {
  /** the bounds in JSON Schema words, for the OpenAPI document */
  jsonSchema?: { minimum?: number; maximum?: number; exclusiveMinimum?: number; exclusiveMaximum?: number };
};

export type MetricSpec =
  | {
      type: 'INTEGER' | 'DECIMAL';
      /** the metric's own bound; absent for chart-dependent ones (a chart validator checks those) */
      validate?: NumberCheck;
      /** the upper bound depends on the chart: GPTRules.chartValidators has the check */
      chartDependentMax?: true;
    }
  | { type: 'ENUM'; values: readonly string[]; minimumRelevantValue?: string }
  | { type: 'GRAPH' | 'NULLABLE_GRAPH'; validate?: NumberCheck; /** a check on the graph's length */ size?: NumberCheck };

/** An optional metric; `partOfScoreID` ones take part in the scoreID hash (spec §3.5). */
export type OptionalMetricSpec = MetricSpec & { partOfScoreID?: true };

export interface ClassSetSpec {
  type: 'PROVIDED' | 'DERIVED';
  /** class IDs in ascending order: a higher index is an improvement */
  values: readonly string[];
}

export type DifficultyConfig =
  /** a fixed list, in the game's order */
  | { type: 'FIXED'; order: readonly string[]; default: string }
  /** any string is a difficulty (ITG's charts name their own) */
  | { type: 'DYNAMIC' };

/**
 * BATCH-MANUAL scoreMeta: Tachi's zod strict object, every key optional (`nullable` when the
 * zod field is `.nullable()` too). A `tuple` is two enums (IIDX DP's random per side).
 */
export type ScoreMetaField = { nullable?: true } & (
  | { type: 'enum'; values: readonly string[] }
  | { type: 'boolean' }
  | { type: 'number' }
  | { type: 'tuple'; values: readonly string[]; length: number }
);

/** Tachi's game-support config of one playtype of a game (GamePTConfig). */
export interface GPTConfig {
  /** provided metrics in declaration order (BATCH-MANUAL checks them in this order) */
  providedMetrics: Readonly<Record<string, MetricSpec>>;
  /** derived metrics; each has a deriver in GPTRules.derivers */
  derivedMetrics: Readonly<Record<string, MetricSpec>>;
  optionalMetrics: Readonly<Record<string, OptionalMetricSpec>>;
  /** the metric PBs are based on ("Best Score") */
  defaultMetric: string;
  /** the enum a person reads first (lamp, clear medal …) */
  preferredDefaultEnum: string;
  /** the metrics a chart's PBs are ranked by, descending, in order (Tachi: the default metric) */
  rankingMetrics?: readonly string[];
  scoreRatingAlgs: readonly string[];
  sessionRatingAlgs: readonly string[];
  profileRatingAlgs: readonly string[];
  defaultScoreRatingAlg: string;
  defaultSessionRatingAlg: string;
  defaultProfileRatingAlg: string;
  difficulties: DifficultyConfig;
  classes: Readonly<Record<string, ClassSetSpec>>;
  orderedJudgements: readonly string[];
  versions: readonly string[];
  supportedMatchTypes: readonly MatchType[];
  scoreMeta: Readonly<Record<string, ScoreMetaField>>;
}

/** The provided metrics of a score as converted (Tachi's DryScoreData), judgements and optional included. */
export type DryScoreData = Readonly<Record<string, unknown>> & {
  judgements: Readonly<Record<string, number | null>>;
  optional: Readonly<Record<string, unknown>>;
};

export type CalculatedData = Readonly<Record<string, number | null | undefined>>;

/** Static data a rule may look up: the game's songs and charts (read-only, in memory). */
export interface GameDataLookup {
  chart(chartID: string): ChartDocument | null;
  song(songID: number): SongDocument | null;
}

/** A PB as the profile step sees it. */
export type ProfilePB = PBDocument;

/**
 * A PB merge (Tachi's CreatePBMergeFor): the user's score on the chart with the largest (or
 * smallest) numeric value at `metric` (a path inside scoreData, e.g. `enumIndexes.lamp`,
 * `optional.bp`), oldest first on ties, is applied onto the PB.
 */
export interface PBMerge {
  /** composedFrom name, e.g. "Best Lamp" */
  name: string;
  metric: string;
  direction: 'largest' | 'smallest';
  /** copies what this merge is about from the chosen score into the PB */
  apply(pb: PBWithoutRanking, score: ScoreDocument): void;
}

export type PBWithoutRanking = PBDocument;

/** Tachi's game implementation of one playtype (GPTServerImplementation), without goals. */
export interface GPTRules {
  /** one per derived metric: computed from the provided metrics and the chart */
  derivers: Readonly<Record<string, (scoreData: DryScoreData, chart: ChartDocument) => unknown>>;
  /** for metrics with a chart-dependent bound; replaces the metric's own check */
  chartValidators: Readonly<Record<string, (value: number, chart: ChartDocument) => true | string>>;
  /** cross-metric checks; each returns a message on failure */
  scoreValidators: readonly ((score: ScoreDocument, chart: ChartDocument) => string | undefined)[];
  /** one per score rating algorithm; a thrown error is the score's InternalError */
  scoreRatings: Readonly<Record<string, (scoreData: ScoreData, chart: ChartDocument) => number | null>>;
  sessionRatings: Readonly<Record<string, (scores: readonly CalculatedData[]) => number | null>>;
  /** over every PB of the user in this playtype (primary or not: each rating filters) */
  profileRatings: Readonly<Record<string, (pbs: readonly ProfilePB[], data: GameDataLookup) => number | null>>;
  /** one per DERIVED class set, from the profile ratings */
  classDerivers: Readonly<Record<string, (ratings: Readonly<Record<string, number | null>>) => string | null | undefined>>;
  /** composedFrom name of the base score (the best default metric) */
  defaultMergeName: string;
  pbMerges: readonly PBMerge[];
}

export interface GPTDefinition {
  config: GPTConfig;
  rules: GPTRules;
}

/** A game: its name, playtypes, and per playtype its config and rules. */
export interface GameModule {
  game: GameName;
  /** display name, e.g. "SOUND VOLTEX" */
  name: string;
  playtypes: readonly string[];
  gpt: Readonly<Record<string, GPTDefinition>>;
  /** the chart's data is incomplete in Tachi's seeds (shown in docs and the README table) */
  notes?: string;
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
  data: Record<string, unknown>;
  [k: string]: unknown;
}

export interface SongDocument {
  id: number;
  title: string;
  artist: string;
  altTitles: string[];
  searchTerms: string[];
  data: Record<string, unknown>;
  [k: string]: unknown;
}
