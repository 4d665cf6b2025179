/** Shapes of the documents the pipeline writes (spec §3.7, §3.9, §3.10, §3.13). */
import type { GameName } from './games/types.ts';

export interface ScoreData {
  judgements: Record<string, number | null>;
  optional: Record<string, unknown> & { enumIndexes: Record<string, number> };
  enumIndexes: Record<string, number>;
  [metric: string]: unknown;
}

export interface ScoreDocument {
  scoreID: string;
  userID: number;
  game: GameName;
  playtype: string;
  chartID: string;
  songID: number;
  isPrimary: boolean;
  service: string;
  importType: string;
  comment: string | null;
  timeAchieved: number | null;
  timeAdded: number;
  highlight: boolean;
  scoreMeta: Record<string, unknown>;
  scoreData: ScoreData;
  calculatedData: Record<string, number | null>;
  /** not in Tachi: the import that inserted this score (lets revert and retries find it by equality) */
  importID?: string;
}

export interface SessionDocument {
  sessionID: string;
  userID: number;
  game: GameName;
  playtype: string;
  scoreIDs: string[];
  name: string;
  desc: string | null;
  highlight: boolean;
  timeInserted: number;
  timeStarted: number;
  timeEnded: number;
  calculatedData: Record<string, number | null>;
}

/**
 * A personal best as stored. Its `rankingData` (Tachi's rank on the chart) is not stored: it is
 * computed when a PB is shown (pbs/ranking.ts), so an import never rewrites other players' PBs.
 */
export interface PBDocument {
  userID: number;
  chartID: string;
  game: GameName;
  playtype: string;
  songID: number;
  highlight: boolean;
  isPrimary: boolean;
  timeAchieved: number | null;
  composedFrom: { name: string; scoreID: string }[];
  scoreData: ScoreData;
  calculatedData: Record<string, number | null>;
}

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

export interface ImportDocument {
  importID: string;
  userID: number;
  importType: string;
  userIntent: boolean;
  game: GameName;
  playtypes: string[];
  gptStrings: string[];
  scoreIDs: string[];
  errors: ImportErrorEntry[];
  createdSessions: { sessionID: string; type: 'Created' | 'Appended' }[];
  classDeltas: ClassDelta[];
  goalInfo: unknown[];
  questInfo: unknown[];
  timeStarted: number;
  timeFinished: number;
  /** not in Tachi: scores skipped because they were already stored or repeated in the file */
  skippedDuplicates: number;
}

export interface GameStatsDocument {
  userID: number;
  game: GameName;
  playtype: string;
  ratings: Record<string, number | null>;
  classes: Record<string, string | null>;
}

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
