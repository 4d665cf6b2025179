import { chunithmConfig } from './chunithm.ts';
import { sdvxConfig } from './sdvx.ts';
import type { GameConfig, GameName } from './types.ts';

/** The one game registry: every game this service imports. */
export const GAMES: Record<GameName, GameConfig> = {
  sdvx: sdvxConfig,
  chunithm: chunithmConfig,
};

export const GAME_NAMES = Object.keys(GAMES) as GameName[];

export function isGameName(value: unknown): value is GameName {
  return typeof value === 'string' && Object.hasOwn(GAMES, value);
}

/** Tachi's FormatGame: the game's name, with the playtype only for multi-playtype games. */
export function formatGame(config: GameConfig, playtype: string): string {
  return config.playtypes.length === 1 ? config.name : `${config.name} (${playtype})`;
}
