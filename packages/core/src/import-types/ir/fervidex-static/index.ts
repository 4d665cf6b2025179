/** `ir/fervidex-static`: fervidex's profile submission (every chart's best, and the dans). */
import type { ImportTypeModule } from '../../types.ts';
import { convertFervidexStatic } from './convert.ts';
import { parseFervidexStatic, type FervidexStaticContext, type FervidexStaticScore } from './parse.ts';

export const irFervidexStatic: ImportTypeModule<FervidexStaticScore, FervidexStaticContext> = {
  parse: parseFervidexStatic,
  convert: convertFervidexStatic,
};
