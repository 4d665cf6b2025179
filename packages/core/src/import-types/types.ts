/**
 * An import type (Tachi's import-types/<family>/<name>): how its input is read and how one of its
 * datapoints becomes a score of a game. The pipeline (pipeline/run-import.ts) does the rest —
 * hydration, validation, insertion, sessions, PBs, profile — the same for every import type.
 */
import type { GameCharts } from '../charts/chart-index.ts';
import type { DryScore } from '../documents.ts';
import type { ChartDocument, GameName, SongDocument } from '../games/types.ts';

/** What was submitted, as the worker gets it back from the job. */
export interface ImportInput {
  /** the upload as received: the file's bytes, or the request body re-serialised */
  content: Buffer;
  /** when the API accepted it: a stable "now" across retries */
  submittedAt: number;
  /** per-submission options: form fields and headers the import type reads (X-Infer-Score-TimeAchieved, playtype …) */
  options: Readonly<Record<string, string>>;
}

/** Every import has a game; most types add their own fields (service, playtype, version …). */
export interface ImportContext {
  game: GameName;
  [k: string]: unknown;
}

/** Provided classes of an import (Tachi's class provider): playtype → class set → class. */
export type ProvidedClasses = Readonly<Record<string, Readonly<Record<string, string>>>>;

export interface ParsedImport<D = unknown, C extends ImportContext = ImportContext> {
  game: GameName;
  context: C;
  datapoints: D[];
  classes: ProvidedClasses | null;
}

export interface ConvertedScore {
  dryScore: DryScore;
  song: SongDocument;
  chart: ChartDocument;
}

export interface ImportTypeModule<D = unknown, C extends ImportContext = ImportContext> {
  /**
   * Reads the input. A problem with the input as a whole throws ImportFatalError (the import fails
   * with its status code and Tachi's message).
   */
  parse(input: ImportInput): ParsedImport<D, C> | Promise<ParsedImport<D, C>>;
  /**
   * One datapoint → a dry score of the game with its song and chart. A problem with the datapoint
   * throws ScoreFailure (one errors[] entry; SongOrChartNotFound keeps it as an orphan).
   */
  convert(datapoint: D, context: C, charts: GameCharts): ConvertedScore;
  /**
   * For types whose unknown charts go to the orphan-chart queue: an orphan of this type as a new
   * submission, imported for its player once its chart exists (Tachi's ReprocessOrphan).
   */
  resubmission?(datapoint: D, context: C): ImportInput;
}
