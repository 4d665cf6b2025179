/** `ir/kshook-sv6c`: the Konaste SDVX hook's scores (POST /ir/kshook/sv6c/score/save, Kamaitachi). */
import type { ImportTypeModule } from '../../types.ts';
import { convertKsHookSV6C } from './convert.ts';
import { parseKsHookSV6C, type KsHookSV6CContext, type KsHookSV6CScore } from './parse.ts';

export const irKsHookSV6C: ImportTypeModule<KsHookSV6CScore, KsHookSV6CContext> = {
  parse: parseKsHookSV6C,
  convert: convertKsHookSV6C,
};
