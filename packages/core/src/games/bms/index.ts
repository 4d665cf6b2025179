/** BMS (7K, 14K): config from Tachi's game-support, rules from its bms-pms.ts (shared with PMS). */
import type { GameModule } from '../types.ts';
import { BMS_PMS_RULES } from '../common/iidx-like.ts';
import { BMS_14K, BMS_7K } from './config.ts';

export const bms: GameModule = {
  game: 'bms',
  name: 'BMS',
  playtypes: ['7K', '14K'],
  gpt: {
    '7K': { config: BMS_7K, rules: BMS_PMS_RULES },
    '14K': { config: BMS_14K, rules: BMS_PMS_RULES },
  },
  notes: "No bundled songs or charts (Tachi's songs-bms.json and charts-bms.json are too large to serve here): load them with `npm run cli -- seed --from <dir>`.",
};
