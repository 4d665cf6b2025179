import type { ChartDocument, GameName, SongDocument } from './games/types.ts';

/** A failure that fails the whole import with an HTTP-like status (spec §3.6, fatal errors). */
export class ImportFatalError extends Error {
  readonly statusCode: number;
  constructor(statusCode: number, message: string) {
    super(message);
    this.name = 'ImportFatalError';
    this.statusCode = statusCode;
  }
}

export type ScoreFailureType = 'InvalidDatapoint' | 'SongOrChartNotFound' | 'AmbiguousTitle' | 'InternalError';

/**
 * A chart nobody has loaded, as a hook describes it (beatoraja sends the whole chart with a score):
 * Tachi keeps it in its orphan-chart queue and creates it once enough players have played it.
 */
export interface UnknownChart {
  /** what identifies it across players, e.g. `bms:7K:<sha256>` */
  key: string;
  game: GameName;
  /** the chart and song to create; the song's id (and so the chart's songID) is given then */
  chart: Omit<ChartDocument, 'songID'>;
  song: Omit<SongDocument, 'id'>;
}

/** A failure of one datapoint: recorded in ImportDocument.errors, the import goes on (spec §3.6). */
export class ScoreFailure extends Error {
  readonly type: ScoreFailureType;
  /** with SongOrChartNotFound: the chart the datapoint was on, for the orphan-chart queue */
  readonly unknownChart?: UnknownChart;
  constructor(type: ScoreFailureType, message: string, unknownChart?: UnknownChart) {
    super(message);
    this.name = 'ScoreFailure';
    this.type = type;
    this.unknownChart = unknownChart;
  }
}
