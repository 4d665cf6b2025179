/**
 * BATCH-MANUAL, Tachi's universal format: `file/batch-manual` (an uploaded file) and
 * `ir/direct-manual` (the JSON body of /ir/direct-manual/import, with X-Infer-Score-TimeAchieved).
 */
import { ImportFatalError } from '../../errors.ts';
import type { ImportTypeModule } from '../types.ts';
import { convertBatchManualScore } from './convert.ts';
import { parseBatchManual, parseBatchManualFile, type BatchManualContext } from './parse.ts';
import type { BatchManualScore } from './schema.ts';

export const fileBatchManual: ImportTypeModule<BatchManualScore, BatchManualContext> = {
  parse: (input) => parseBatchManualFile(input.content),
  convert: (score, context, charts) => convertBatchManualScore(score, context, charts, 'file/batch-manual'),
};

export const irDirectManual: ImportTypeModule<BatchManualScore, BatchManualContext> = {
  parse(input) {
    let body: unknown;
    try {
      body = JSON.parse(input.content.toString('utf8'));
    } catch {
      throw new ImportFatalError(400, 'Invalid JSON body.');
    }
    return parseBatchManual(body, { inferTimestamp: input.options.inferTimestamp === 'true', now: input.submittedAt });
  },
  convert: (score, context, charts) => convertBatchManualScore(score, context, charts, 'ir/direct-manual'),
};

export * from './schema.ts';
export * from './parse.ts';
