/** `ir/lr2hook`: LR2hook's BMS scores and course clears (classes-only imports). */
import type { ImportTypeModule } from '../../types.ts';
import { convertLR2Hook } from './convert.ts';
import { parseLR2Hook, type LR2HookContext, type LR2HookScore } from './parse.ts';

export const irLR2Hook: ImportTypeModule<LR2HookScore, LR2HookContext> = {
  parse: parseLR2Hook,
  convert: convertLR2Hook,
};

export { readLR2HookCourse } from './parse.ts';
