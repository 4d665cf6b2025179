/**
 * The one game registry: every game this service imports, one line each. A game's config and
 * rules live in its folder (games/<game>/); nothing else in the service names a game.
 */
import { ScoreFailure } from '../errors.ts';
import { chunithm } from './chunithm/index.ts';
import { sdvx } from './sdvx/index.ts';
import { maimai } from './maimai/index.ts';
import { maimaidx } from './maimaidx/index.ts';
import { ongeki } from './ongeki/index.ts';
import { wacca } from './wacca/index.ts';
import { arcaea } from './arcaea/index.ts';
import { itg } from './itg/index.ts';
import { museca } from './museca/index.ts';
import { usc } from './usc/index.ts';
import { popn } from './popn/index.ts';
import { jubeat } from './jubeat/index.ts';
import { gitadora } from './gitadora/index.ts';
import { ddr } from './ddr/index.ts';
import { iidx } from './iidx/index.ts';
import { bms } from './bms/index.ts';
import { pms } from './pms/index.ts';
import type { GameModule, GameName, GPTDefinition } from './types.ts';

export const GAMES: Partial<Record<GameName, GameModule>> = {
  iidx,
  bms,
  pms,
  popn,
  jubeat,
  gitadora,
  ddr,
  arcaea,
  itg,
  museca,
  usc,
  maimai,
  maimaidx,
  ongeki,
  wacca,
  chunithm,
  sdvx,
};

/** Tachi's order of its games (GAME_CONFIGS), in which error messages list them. */
const TACHI_ORDER: readonly GameName[] = [
  'iidx', 'museca', 'chunithm', 'bms', 'gitadora', 'jubeat', 'maimai', 'maimaidx', 'popn',
  'sdvx', 'usc', 'wacca', 'pms', 'itg', 'arcaea', 'ongeki', 'ddr',
];

/** The games this service imports, in Tachi's order. */
export const GAME_NAMES: readonly GameName[] = TACHI_ORDER.filter((g) => Object.hasOwn(GAMES, g));

export function isGameName(value: unknown): value is GameName {
  return typeof value === 'string' && Object.hasOwn(GAMES, value);
}

export function gameModule(game: GameName): GameModule {
  const module = GAMES[game];
  if (!module) throw new Error(`game ${game} is not supported`);
  return module;
}

/** A game's config and rules for one playtype (Tachi's GetGamePTConfig + its implementation). */
export function gpt(game: GameName, playtype: string): GPTDefinition {
  const definition = gameModule(game).gpt[playtype];
  if (!definition) throw new ScoreFailure('InternalError', 'An internal error has occured.');
  return definition;
}

/** Tachi's FormatGame: the game's name, with the playtype only for multi-playtype games. */
export function formatGame(game: GameName, playtype: string): string {
  const module = gameModule(game);
  return module.playtypes.length === 1 ? module.name : `${module.name} (${playtype})`;
}
