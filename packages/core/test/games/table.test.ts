import t from 'tap';
import { readFileSync } from 'node:fs';
import { gamesTable } from '../../src/games/table.ts';
import { GAME_NAMES } from '../../src/games/registry.ts';
import { ALL_GAMES } from '../../src/games/types.ts';

t.test('every game Tachi tracks is registered', async (t) => {
  t.same([...GAME_NAMES].sort(), [...ALL_GAMES].sort());
});

t.test("the README's table of games is the registry's (npm run docs:games)", async (t) => {
  const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
  t.ok(readme.includes(gamesTable()), 'README.md is out of date: run `npm run docs:games` and commit it');
});
