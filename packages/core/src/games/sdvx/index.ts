/** SOUND VOLTEX (Single): config from Tachi's game-support, rules from its game implementation. */
import type { GameModule, GPTRules } from '../types.ts';
import { SDVXLIKE_RULES } from '../common/sdvx-like.ts';
import { mergeFor } from '../common/pb-merges.ts';
import { SDVX_SINGLE } from './config.ts';

const rules: GPTRules = {
  ...SDVXLIKE_RULES,
  chartValidators: {
    // Tachi has no notecounts for SDVX: any non-negative EX score is accepted (no upper bound)
    exScore: (exScore) => (exScore < 0 ? `EX Score must be non-negative. Got ${exScore}` : true),
  },
  pbMerges: [
    ...SDVXLIKE_RULES.pbMerges,
    mergeFor('largest', 'optional.exScore', 'Best EX Score', (pb, score) => {
      pb.scoreData.optional.exScore = score.scoreData.optional.exScore;
    }),
  ],
};

export const sdvx: GameModule = {
  game: 'sdvx',
  name: 'SOUND VOLTEX',
  playtypes: ['Single'],
  gpt: { Single: { config: SDVX_SINGLE, rules } },
};
