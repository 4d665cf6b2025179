/** Shapes of the documents the pipeline writes (spec §3.7, §3.9, §3.10, §3.13). */
import type { StoredGameStats, StoredImport, StoredPersonalBest, StoredScore, StoredSession } from '@score-import/db';
import type { GameName } from './games/types.ts';

export interface ScoreData {
  judgements: Record<string, number | null>;
  optional: Record<string, unknown> & { enumIndexes: Record<string, number> };
  enumIndexes: Record<string, number>;
  [metric: string]: unknown;
}

/**
 * The documents the pipeline writes are the collections' mongoose schemas (packages/db/src/schemas.ts),
 * with the parts whose shape a game decides (scoreData, calculatedData, …) narrowed here.
 */
type Narrow<T, N> = Omit<T, keyof N> & N;

type Ratings = Record<string, number | null>;

export type ScoreDocument = Narrow<
  StoredScore,
  {
    game: GameName;
    comment: string | null;
    timeAchieved: number | null;
    scoreMeta: Record<string, unknown>;
    scoreData: ScoreData;
    calculatedData: Ratings;
    /** not in Tachi: the import that inserted this score (lets revert and retries find it by equality) */
    importID?: string;
  }
>;

export type SessionDocument = Narrow<StoredSession, { game: GameName; desc: string | null; scoreIDs: string[]; calculatedData: Ratings }>;

/**
 * A personal best as stored. Its `rankingData` (Tachi's rank on the chart) is not stored: it is
 * computed when a PB is shown (pbs/ranking.ts), so an import never rewrites other players' PBs.
 */
export type PBDocument = Narrow<
  StoredPersonalBest,
  { game: GameName; timeAchieved: number | null; composedFrom: { name: string; scoreID: string }[]; scoreData: ScoreData; calculatedData: Ratings }
>;

export interface RankingData {
  rank: number;
  outOf: number;
  rivalRank: number | null;
}

/** A PB as Tachi shows it, with its rank on the chart. */
export type RankedPB = PBDocument & { rankingData: RankingData };

export interface ClassDelta {
  game: GameName;
  set: string;
  playtype: string;
  old: string | null;
  new: string;
}

export interface ImportErrorEntry {
  type: string;
  message: string;
}

export type ImportDocument = Narrow<
  Omit<StoredImport, 'revertPlan'>,
  {
    game: GameName;
    errors: ImportErrorEntry[];
    createdSessions: { sessionID: string; type: 'Created' | 'Appended' }[];
    classDeltas: ClassDelta[];
    goalInfo: unknown[];
    questInfo: unknown[];
  }
>;

export type GameStatsDocument = Narrow<StoredGameStats, { game: GameName; ratings: Ratings; classes: Record<string, string | null> }>;

/** A converted but not yet hydrated score (Tachi's "dry score", spec §3.3). */
export interface DryScore {
  game: GameName;
  service: string;
  importType: string;
  comment: string | null;
  timeAchieved: number | null;
  /** the game's provided metrics, plus judgements and optional exactly as sent */
  scoreData: Record<string, unknown> & {
    judgements: Record<string, number | null>;
    optional: Record<string, unknown>;
  };
  scoreMeta: Record<string, unknown>;
}
