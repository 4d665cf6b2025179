/**
 * Barrel of the pure game-rule and score functions of packages/core (no database, no I/O).
 * The pipeline imports from here.
 */
export { stableStringify, sha256Hex } from './util/stable-hash.ts';
export { createScoreID } from './scores/score-id.ts';
export { GRADE_BOUNDARIES, gradeFor, type GradeBoundary } from './games/grades.ts';
export {
  calculateVF6,
  calculateChunithmRating,
  scoreCalculatedData,
  sessionCalculatedData,
  profileRatings,
  type HasCalculatedData,
  type ProfileRatingInput,
} from './games/ratings.ts';
export { deriveClasses, computeClassUpdate, vf6ToClass, naiveRatingToColour, type ClassUpdate } from './games/classes.ts';
export {
  gameScoreValidator,
  chartMetricValidators,
  SDVX_SCORE_VALIDATORS,
  CHUNITHM_SCORE_VALIDATORS,
  type ScoreValidator,
  type ChartMetricValidator,
} from './games/validators.ts';
export { PB_MERGES, DEFAULT_MERGE_NAME, type PBMergeSpec } from './games/pb-merge.ts';
export { hydrateScore, createEnumIndexes, type HydrateContext } from './scores/hydrate.ts';
export { validateScore, FUTURE_TOLERANCE_MS } from './scores/validate.ts';
export { buildPB, pbCandidates, rankChart, type PBWithoutRanking, type RankablePB, type RankingData } from './pbs/build-pb.ts';
export { planRankingWrites, type RankChange, type RankWrite } from './pbs/ranking-writes.ts';
export {
  groupIntoSessions,
  findSessionWindow,
  sessionOverlaps,
  sessionName,
  TWO_HOURS,
  type Timed,
} from './sessions/group.ts';
