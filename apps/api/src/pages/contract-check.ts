/**
 * Compile-time only: the documents the domain writes (packages/core) fit the schemas the pages are
 * typed with (packages/contracts), so that a field renamed in one fails `npm run typecheck`.
 */
import type { ChartDocument, ImportDocument, ScoreDocument, SessionDocument, SongDocument } from '@score-import/core';
import type { ChartView, ImportView, ScoreView, SessionView, SongView } from '@score-import/contracts';

type Fits<Actual extends Expected, Expected> = [Actual, Expected];

export type ContractCheck = [
  Fits<Omit<ScoreDocument, 'importID'>, ScoreView>,
  Fits<ChartDocument, ChartView>,
  Fits<SongDocument, SongView>,
  Fits<SessionDocument, SessionView>,
  Fits<ImportDocument, ImportView>,
];
