/** `ir/kshook-sv6c-static`: the Konaste SDVX hook's static export (POST /ir/kshook/sv6c/score/export, Kamaitachi). */
import type { ImportTypeModule } from '../../types.ts';
import { convertKsHookSV6CStatic } from './convert.ts';
import { parseKsHookSV6CStatic, type KsHookSV6CStaticContext, type KsHookSV6CStaticScore } from './parse.ts';

export const irKsHookSV6CStatic: ImportTypeModule<KsHookSV6CStaticScore, KsHookSV6CStaticContext> = {
  parse: parseKsHookSV6CStatic,
  convert: convertKsHookSV6CStatic,
};
