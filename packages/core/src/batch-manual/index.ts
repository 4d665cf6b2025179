export {
  MAX_SCORES_PER_IMPORT,
  MatchTypeSchema,
  BatchManualScoreCommonSchema,
  batchManualSchema,
  batchManualScoreSchema,
  validateBatchManual,
  formatSchemaError,
  type BatchManualScore,
  type BatchManualDocument,
  type BatchManualMeta,
  type MatchType,
  type SchemaError,
} from './schema.ts';
export {
  parseBatchManual,
  parseBatchManualFile,
  type BatchManualContext,
  type ParsedBatchManual,
  type ParseBatchManualOptions,
} from './parse.ts';
