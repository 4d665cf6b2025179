/**
 * The Konaste SDVX hook (kshook, SV6C): one score as the JSON body of POST /ir/kshook/sv6c/score/save
 * (Tachi's ParseKsHookSV6C). Unknown keys are allowed: the hook may send more in the future.
 */
import { ImportFatalError } from '../../../errors.ts';
import type { ImportInput, ParsedImport } from '../../types.ts';
import { formatPrError, p, prValidate, type PrSchema } from '../../common/prudence.ts';
import { readJSONBody } from '../barbatos/parse.ts';

export type SV6CClear = 'CLEAR_PLAYED' | 'CLEAR_EFFECTIVE' | 'CLEAR_EXCESSIVE' | 'CLEAR_ULTIMATE_CHAIN' | 'CLEAR_MAXXIVE' | 'CLEAR_PERFECT';
export type SV6CDifficulty = `DIFFICULTY_${'NOVICE' | 'ADVANCED' | 'EXHAUST' | 'INFINITE' | 'MAXIMUM'}`;

export interface KsHookSV6CScore {
  clear: SV6CClear;
  difficulty: SV6CDifficulty;
  /** 0 to 10000: hundredths of a percent */
  gauge: number;
  grade: string;
  max_chain: number;
  music_id: number;
  critical: number;
  near: number;
  error: number;
  rate: string;
  score: number;
  ex_score: number;
  track_no: number;
  retry_count: unknown;
}

export interface KsHookSV6CContext {
  [k: string]: unknown;
  game: 'sdvx';
  /** when the score was received: the score's timeAchieved */
  timeReceived: number;
}

/** Tachi's PR_KSHOOK_SV6C; the static export reuses some of its checks */
export const PR_KSHOOK_SV6C = {
  clear: p.isIn('CLEAR_PLAYED', 'CLEAR_EFFECTIVE', 'CLEAR_EXCESSIVE', 'CLEAR_ULTIMATE_CHAIN', 'CLEAR_MAXXIVE', 'CLEAR_PERFECT'),
  difficulty: p.isIn('DIFFICULTY_NOVICE', 'DIFFICULTY_ADVANCED', 'DIFFICULTY_EXHAUST', 'DIFFICULTY_INFINITE', 'DIFFICULTY_MAXIMUM'),
  gauge: p.isBetween(0, 10000),
  grade: p.isIn('GRADE_D', 'GRADE_C', 'GRADE_B', 'GRADE_A', 'GRADE_A_PLUS', 'GRADE_AA', 'GRADE_AA_PLUS', 'GRADE_AAA', 'GRADE_AAA_PLUS', 'GRADE_S'),
  max_chain: p.isPositiveInteger,
  music_id: p.isPositiveInteger,
  score: p.isBoundedInteger(0, 10_000_000),
  ex_score: p.isPositiveInteger,
  critical: p.isPositiveInteger,
  near: p.isPositiveInteger,
  error: p.isPositiveInteger,
  rate: p.isIn('RATE_EFFECTIVE', 'RATE_PERMISSIVE', 'RATE_EXCESSIVE', 'RATE_BLASTIVE', 'RATE_MAXXIVE'),
  track_no: p.isPositiveInteger,
  retry_count: p.any,
} satisfies PrSchema;

export function parseKsHookSV6C(input: ImportInput): ParsedImport<KsHookSV6CScore, KsHookSV6CContext> {
  const body = readJSONBody(input);
  const err = prValidate(body, PR_KSHOOK_SV6C, { allowExcessKeys: true });
  if (err) throw new ImportFatalError(400, formatPrError(err));
  return {
    game: 'sdvx',
    // the time the API accepted the score, stable across retries (Tachi: Date.now() when parsing)
    context: { game: 'sdvx', timeReceived: input.submittedAt },
    datapoints: [body as KsHookSV6CScore],
    classes: null,
  };
}
