/**
 * What the API's hook routes (apps/api/src/routes/ir/) need of the fervidex, beatoraja, LR2hook and
 * USC import types: the checks Tachi's routers make before importing (headers, class and course
 * submissions, the USC chart), and the chart lookups of their read-only routes.
 */
export { parseEA3SoftID, MODEL_INFINITAS_2, REV_2DXBMS } from './common/ea3id.ts';
export { prValidateMessage, formatPrError } from '../common/prudence.ts';
export type { BMSCourse, CourseOutcome } from './common/bms-courses.ts';
export { readFervidexClass, softwareIDToVersion, type FervidexClassSubmission } from './fervidex/index.ts';
export { readBeatorajaCourse, findBeatorajaChart, type BeatorajaChart } from './beatoraja/index.ts';
export { readLR2HookCourse } from './lr2hook/index.ts';
export { checkUSCChart, findUSCChart } from './usc/index.ts';
