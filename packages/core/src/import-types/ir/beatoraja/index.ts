/** `ir/beatoraja`: beatoraja / LR2oraja scores (BMS, PMS) and BMS course clears (classes-only imports). */
import type { ImportTypeModule } from '../../types.ts';
import { convertBeatoraja } from './convert.ts';
import { parseBeatoraja, type BeatorajaContext, type BeatorajaScore } from './parse.ts';

export const irBeatoraja: ImportTypeModule<BeatorajaScore, BeatorajaContext> = {
  parse: parseBeatoraja,
  convert: convertBeatoraja,
};

export { readBeatorajaCourse, type BeatorajaChart } from './parse.ts';
export { findBeatorajaChart } from './convert.ts';
