/**
 * Barbatos (the SDVX V / VI hook): one score as the JSON body of POST /ir/barbatos/score/submit
 * (Tachi's ParseBarbatosSingle). An `ex_score` key says the body is an SDVX VI (EXCEED GEAR) score.
 */
import { ImportFatalError } from '../../../errors.ts';
import type { ImportInput, ParsedImport } from '../../types.ts';
import { formatPrError, p, prValidate, type PrSchema } from '../../common/prudence.ts';

/** an SDVX V (VIVID WAVE) score */
export interface BarbatosScore {
  difficulty: 0 | 1 | 2 | 3 | 4;
  level: number;
  song_id: number;
  max_chain: number;
  critical: number;
  near_total: number;
  near_fast: number;
  near_slow: number;
  score: number;
  error: number;
  percent: number;
  did_fail: boolean;
  clear_type: 1 | 2 | 3 | 4 | 5;
  gauge_type: 0 | 1 | 2 | 3;
  is_skill_analyzer: boolean;
}

/** an SDVX VI (EXCEED GEAR) score */
export interface BarbatosSDVX6Score {
  difficulty: 0 | 1 | 2 | 3 | 4;
  level: number;
  score: number;
  ex_score: number;
  clear_type: 1 | 2 | 3 | 4 | 5;
  song_id: number;
  grade: unknown;
  percent: number;
  max_chain: number;
  early_error: number;
  early_near: number;
  early_crit: number;
  s_crit: number;
  late_crit: number;
  late_near: number;
  late_error: number;
  chip_s_crit: number;
  chip_crit: number;
  chip_near: number;
  chip_error: number;
  long_crit: number;
  long_error: number;
  vol_crit: number;
  vol_error: number;
  gauge_type: 0 | 1 | 2 | 3;
}

export interface BarbatosContext {
  [k: string]: unknown;
  game: 'sdvx';
  /** when the score was received: the score's timeAchieved */
  timeReceived: number;
  version: 'vivid' | 'exceed';
}

const PR_BARBATOS: PrSchema = {
  difficulty: p.isIn(0, 1, 2, 3, 4),
  level: p.isBoundedInteger(1, 20),
  song_id: p.isPositiveInteger,
  max_chain: p.isPositiveInteger,
  critical: p.isPositiveInteger,
  near_total: p.isPositiveInteger,
  near_fast: p.isPositiveInteger,
  near_slow: p.isPositiveInteger,
  score: p.isBoundedInteger(0, 10_000_000),
  error: p.isPositiveInteger,
  percent: p.isBetween(0, 100),
  did_fail: 'boolean',
  clear_type: p.isIn(1, 2, 3, 4, 5),
  gauge_type: p.isIn(0, 1, 2, 3),
  is_skill_analyzer: 'boolean',
};

const PR_BARBATOS_SDVX6: PrSchema = {
  difficulty: p.isIn(0, 1, 2, 3, 4),
  level: p.isBoundedInteger(1, 20),
  score: p.isBoundedInteger(0, 10_000_000),
  ex_score: p.isInteger,
  clear_type: p.isIn(1, 2, 3, 4, 5),
  song_id: p.isPositiveInteger,
  grade: p.any,
  percent: p.isBetween(0, 100),
  max_chain: p.isPositiveInteger,
  early_error: p.isInteger,
  early_near: p.isInteger,
  early_crit: p.isInteger,
  s_crit: p.isInteger,
  late_crit: p.isInteger,
  late_near: p.isInteger,
  late_error: p.isInteger,
  chip_s_crit: p.isInteger,
  chip_crit: p.isInteger,
  chip_near: p.isInteger,
  chip_error: p.isInteger,
  long_crit: p.isInteger,
  long_error: p.isInteger,
  vol_crit: p.isInteger,
  vol_error: p.isInteger,
  gauge_type: p.isIn(0, 1, 2, 3),
};

/** The request body as JSON (the route checked it is JSON; a worker re-reads what was stored). */
export function readJSONBody(input: ImportInput): unknown {
  try {
    return JSON.parse(input.content.toString('utf8'));
  } catch {
    throw new ImportFatalError(400, 'Invalid JSON body.');
  }
}

export function parseBarbatos(input: ImportInput): ParsedImport<BarbatosScore | BarbatosSDVX6Score, BarbatosContext> {
  const body = readJSONBody(input);
  const isSDVX6 = typeof body === 'object' && body !== null && 'ex_score' in body;
  const err = prValidate(body, isSDVX6 ? PR_BARBATOS_SDVX6 : PR_BARBATOS);
  if (err) throw new ImportFatalError(400, formatPrError(err, 'Invalid Barbatos Request'));
  return {
    game: 'sdvx',
    // the time the API accepted the score, stable across retries (Tachi: Date.now() when parsing)
    context: { game: 'sdvx', timeReceived: input.submittedAt, version: isSDVX6 ? 'exceed' : 'vivid' },
    datapoints: [body as BarbatosScore | BarbatosSDVX6Score],
    classes: null,
  };
}
