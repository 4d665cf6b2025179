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

/** A failure of one datapoint: recorded in ImportDocument.errors, the import goes on (spec §3.6). */
export class ScoreFailure extends Error {
  readonly type: ScoreFailureType;
  constructor(type: ScoreFailureType, message: string) {
    super(message);
    this.name = 'ScoreFailure';
    this.type = type;
  }
}
