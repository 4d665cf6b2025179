/**
 * The Konaste SDVX hook's static export (Tachi's ParseKsHookSV6CStatic): every best score the
 * game knows, `{ scores: [...] }`, each with its own timestamp (unix seconds).
 */
import { ImportFatalError } from '../../../errors.ts';
import type { ImportInput, ParsedImport } from '../../types.ts';
import { formatPrError, p, prValidate, type PrSchema } from '../../common/prudence.ts';
import { readJSONBody } from '../barbatos/parse.ts';
import { PR_KSHOOK_SV6C, type SV6CClear, type SV6CDifficulty } from '../kshook-sv6c/parse.ts';

export interface KsHookSV6CStaticScore {
  clear: SV6CClear;
  difficulty: SV6CDifficulty;
  grade: string;
  ex_score: number;
  max_chain: number;
  music_id: number;
  score: number;
  /** unix seconds */
  timestamp: number;
}

export interface KsHookSV6CStaticContext {
  [k: string]: unknown;
  game: 'sdvx';
}

const PR_KSHOOK_SV6C_STATIC: PrSchema = {
  scores: [
    {
      score: PR_KSHOOK_SV6C.score,
      ex_score: PR_KSHOOK_SV6C.ex_score,
      clear: PR_KSHOOK_SV6C.clear,
      difficulty: PR_KSHOOK_SV6C.difficulty,
      grade: PR_KSHOOK_SV6C.grade,
      max_chain: PR_KSHOOK_SV6C.max_chain,
      music_id: PR_KSHOOK_SV6C.music_id,
      timestamp: p.isPositiveInteger,
    },
  ],
};

export function parseKsHookSV6CStatic(input: ImportInput): ParsedImport<KsHookSV6CStaticScore, KsHookSV6CStaticContext> {
  const body = readJSONBody(input);
  const err = prValidate(body, PR_KSHOOK_SV6C_STATIC, { allowExcessKeys: true });
  if (err) throw new ImportFatalError(400, formatPrError(err));
  return {
    game: 'sdvx',
    context: { game: 'sdvx' },
    datapoints: (body as { scores: KsHookSV6CStaticScore[] }).scores,
    classes: null,
  };
}
