/**
 * Barrel of the pure rule and score functions of packages/core (no database, no I/O), for the
 * pipeline, tools and tests.
 */
export { stableStringify, sha256Hex } from './util/stable-hash.ts';
export { createScoreID } from './scores/score-id.ts';
export { hydrateScore, createEnumIndexes, scoreRatings, type HydrateContext } from './scores/hydrate.ts';
export { validateScore, FUTURE_TOLERANCE_MS } from './scores/validate.ts';
export { buildPB, pbCandidates } from './pbs/build-pb.ts';
export { rankChart, compareForRanking, type RankablePB } from './pbs/ranking.ts';
export { profileRatings, deriveClasses, computeClassUpdate, sessionRatings, type ClassUpdate, type Ratings } from './profile/profile.ts';
export { groupIntoSessions, findSessionWindow, sessionOverlaps, sessionName, TWO_HOURS, type Timed } from './sessions/group.ts';
export { gradeFor, gradeBoundaries, type GradeBoundary } from './games/common/grades.ts';
export { p } from './games/common/checks.ts';
