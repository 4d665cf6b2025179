import { parseArgs } from 'node:util';
import { PERMISSIONS } from '@score-import/contracts';

const USAGE = `usage: npm run cli -- <command>
  seed [--from <dir>]                               load every game's songs and charts: the bundled seeds, or each
                                                    songs-<game>.json / charts-<game>.json of <dir> (Tachi's seed
                                                    format, e.g. a checkout of Tachi's seeds/collections)
  user:create <username> [--admin]                  create a user and a token with submit_score, delete_score
  token:create <username> [--permissions a,b]       create another token (permissions: ${PERMISSIONS.join(', ')})
  import <file> --url <BASE_URL> --token <token>    upload a BATCH-MANUAL file and follow it to the end`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') {
    console.log(USAGE);
    return;
  }
  if (command === 'import') {
    // the reference client: talks to a running service over HTTP only
    const { positionals, values } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { url: { type: 'string' }, token: { type: 'string' } },
    });
    if (positionals.length !== 1 || !values.url || !values.token) {
      throw new UsageError('import takes <file> --url <BASE_URL> --token <token>.');
    }
    const { runImportCommand } = await import('./import-command.ts');
    process.exitCode = await runImportCommand({ file: positionals[0], url: values.url, token: values.token });
    return;
  }
  // loaded here: the uploader above talks HTTP only and starts faster without the database driver
  const { loadConfig } = await import('@score-import/config');
  const { connectDatabase, createToken, createUser, ensureIndexes } = await import('@score-import/db');
  const config = loadConfig();
  const db = await connectDatabase(config.MONGO_URL);
  try {
    await ensureIndexes(db);
    switch (command) {
      case 'seed': {
        const { values } = parseArgs({ args: rest, options: { from: { type: 'string' } } });
        // the game-rules package is only needed here; user and token commands start faster without it
        const { BUNDLED_DATA_DIR, seedGameData } = await import('@score-import/core');
        const dir = values.from ?? BUNDLED_DATA_DIR;
        const { existsSync, statSync } = await import('node:fs');
        if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`seed --from: ${dir} is not a directory.`);
        const seeded = await seedGameData(db, dir);
        if (seeded.length === 0) throw new UsageError(`seed --from: ${dir} holds no songs-<game>.json and charts-<game>.json pair of a known game.`);
        // running API instances and workers pick the new data up within a second (the game's version marker moved)
        console.log(JSON.stringify({ seeded: Object.fromEntries(seeded.map((r) => [r.game, { songs: r.songs, charts: r.charts }])) }));
        break;
      }
      case 'user:create': {
        const { positionals, values } = parseArgs({ args: rest, allowPositionals: true, options: { admin: { type: 'boolean', default: false } } });
        if (positionals.length !== 1) throw new UsageError('user:create takes exactly one <username>.');
        const user = await createUser(db, positionals[0], values.admin);
        const { token } = await createToken(db, user.username, ['submit_score', 'delete_score']);
        console.log(JSON.stringify({ userID: user.userID, username: user.username, token }));
        break;
      }
      case 'token:create': {
        const { positionals, values } = parseArgs({ args: rest, allowPositionals: true, options: { permissions: { type: 'string' } } });
        if (positionals.length !== 1) throw new UsageError('token:create takes exactly one <username>.');
        const permissions = values.permissions === undefined ? [] : values.permissions.split(',').map((p) => p.trim()).filter(Boolean);
        const { token, permissions: granted } = await createToken(db, positionals[0], permissions);
        console.log(JSON.stringify({ token, permissions: granted }));
        break;
      }
      default:
        throw new UsageError(`Unknown command '${command}'.`);
    }
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  // Operators and automation rely on exactly one line on stderr, whatever the error's text holds.
  const message = err instanceof Error ? err.message : String(err);
  console.error(`error: ${message.replace(/\s*[\r\n]+\s*/g, ' ').trim()}`);
  process.exit(1);
});
