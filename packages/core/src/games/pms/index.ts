/** PMS (Controller, Keyboard): config from Tachi's game-support, rules from its bms-pms.ts (shared with BMS). */
import type { GameModule } from '../types.ts';
import { BMS_PMS_RULES } from '../common/iidx-like.ts';
import { PMS_CONTROLLER, PMS_KEYBOARD } from './config.ts';

export const pms: GameModule = {
  game: 'pms',
  name: 'PMS',
  playtypes: ['Controller', 'Keyboard'],
  gpt: {
    Controller: { config: PMS_CONTROLLER, rules: BMS_PMS_RULES },
    Keyboard: { config: PMS_KEYBOARD, rules: BMS_PMS_RULES },
  },
  notes: "No bundled charts (Tachi's charts-pms.json is too large to serve here): load them with `npm run cli -- seed --from <dir>`.",
};
