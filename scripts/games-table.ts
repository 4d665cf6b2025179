/** Writes the README's table of games from the game registry: `npm run docs:games`. */
import { readFileSync, writeFileSync } from 'node:fs';
import { gamesTable } from '../packages/core/src/games/table.ts';

const README = new URL('../README.md', import.meta.url);
const START = '<!-- games-table:start (npm run docs:games) -->';
const END = '<!-- games-table:end -->';
const text = readFileSync(README, 'utf8');
const a = text.indexOf(START);
const b = text.indexOf(END);
if (a === -1 || b === -1) throw new Error(`README.md has no ${START} … ${END} markers`);
writeFileSync(README, `${text.slice(0, a + START.length)}\n${gamesTable()}\n${text.slice(b)}`);
console.log('wrote the games table of README.md');
