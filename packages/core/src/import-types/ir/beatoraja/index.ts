/** `ir/beatoraja`: beatoraja / LR2oraja scores (BMS, PMS) and BMS course clears (classes-only imports). */
import type { ImportTypeModule } from '../../types.ts';
import { convertBeatoraja } from './convert.ts';
import { parseBeatoraja, type BeatorajaContext, type BeatorajaScore } from './parse.ts';

export const irBeatoraja: ImportTypeModule<BeatorajaScore, BeatorajaContext> = {
  parse: parseBeatoraja,
  convert: convertBeatoraja,
  // the body the IR plugin sent, as parse reads it
  resubmission: (score, context) => ({
    content: Buffer.from(JSON.stringify({ score, chart: context.chart, client: context.client === 'beatoraja' ? 'beatoraja' : 'LR2oraja' })),
    options: context.userID === null ? {} : ({ userID: String(context.userID) } as Record<string, string>),
    // the score's time is when it was first received
    submittedAt: context.timeReceived,
  }),
};

export { readBeatorajaCourse, type BeatorajaChart } from './parse.ts';
export { findBeatorajaChart } from './convert.ts';
