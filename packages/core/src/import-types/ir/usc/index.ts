/** `ir/usc`: scores under the USC IR protocol (unnamed-sdvx-clone). */
import type { ImportTypeModule } from '../../types.ts';
import { convertUSC } from './convert.ts';
import { parseUSC, type USCClientScore, type USCContext } from './parse.ts';

export const irUSC: ImportTypeModule<USCClientScore, USCContext> = {
  parse: parseUSC,
  convert: convertUSC,
};

export { checkUSCChart } from './parse.ts';
export { findUSCChart } from './convert.ts';
