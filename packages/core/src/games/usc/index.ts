/**
 * USC (Controller, Keyboard): Tachi's usc.ts is SDVXLIKE_* throughout, so the rules are
 * common/sdvx-like.ts's, with no chart validators (no EX score) and no extra merges. Both
 * playtypes share one config and one set of rules, but never charts, PBs, sessions or stats.
 */
import type { GameModule, GPTRules } from '../types.ts';
import { SDVXLIKE_RULES } from '../common/sdvx-like.ts';
import { USC_CONTROLLER, USC_KEYBOARD } from './config.ts';

const rules: GPTRules = {
  ...SDVXLIKE_RULES,
  chartValidators: {},
};

export const usc: GameModule = {
  game: 'usc',
  name: 'USC',
  playtypes: ['Controller', 'Keyboard'],
  gpt: {
    Controller: { config: USC_CONTROLLER, rules },
    Keyboard: { config: USC_KEYBOARD, rules },
  },
};
