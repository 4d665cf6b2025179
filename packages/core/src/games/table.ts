/** The README's table of games, made from the registry (a test keeps the README in step with it). */
import { bundledGames } from '../game-data.ts';
import { GAME_NAMES, gameModule } from './registry.ts';

const list = (xs: readonly string[]) => (xs.length === 0 ? '—' : xs.map((x) => `\`${x}\``).join(', '));

export function gamesTable(): string {
  const bundled = new Set(bundledGames());
  const rows = [...GAME_NAMES].sort().map((game) => {
    const module = gameModule(game);
    const gpts = module.playtypes.map((p) => module.gpt[p]);
    const { config, rules } = gpts[0];
    const union = (f: (c: typeof config) => readonly string[]) => [...new Set(gpts.flatMap((g) => f(g.config)))];
    const classes = (type: 'PROVIDED' | 'DERIVED') => union((c) => Object.keys(c.classes).filter((k) => c.classes[k].type === type));
    const metrics = [...Object.keys(config.providedMetrics), ...Object.keys(config.derivedMetrics).map((m) => `${m}*`)];
    return [
      `\`${game}\` ${module.name}`,
      module.playtypes.join(', '),
      list(union((c) => c.supportedMatchTypes)),
      metrics.join(', '),
      `${list(config.scoreRatingAlgs)} / ${list(config.sessionRatingAlgs)} / ${list(config.profileRatingAlgs)}`,
      `${list(classes('PROVIDED'))} / ${list(classes('DERIVED'))}`,
      bundled.has(game) ? 'bundled' : '`seed --from`',
      rules.pbMerges.map((m) => m.name).join(', ') || '—',
    ].join(' | ');
  });
  return [
    '| game | playtypes | match types | metrics (* derived) | ratings: score / session / profile | classes: provided / derived | charts | PB merges |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r} |`),
  ].join('\n');
}
