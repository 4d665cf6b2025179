/**
 * `npm run cli -- seed [--from <dir>]`: loads every bundled game's songs and charts (idempotent), or
 * an operator's own seed files; API instances and workers already running use them without a restart.
 */
import t from 'tap';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLED_DATA_DIR, bundledGames } from '@score-import/core';
import { connectDatabase } from '@score-import/db';
import { ROOT, startStack, testConfig } from '../../../test/support/stack.ts';
import { importAndWait } from '../../../test/support/http.ts';

function seed(mongoUrl: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', 'seed', ...args], {
      cwd: ROOT,
      env: { ...process.env, MONGO_URL: mongoUrl, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const bundled = (game: string, kind: 'songs' | 'charts') => JSON.parse(readFileSync(join(BUNDLED_DATA_DIR, `${kind}-${game}.json`), 'utf8')) as Record<string, unknown>[];

t.test('seed loads every bundled game and is idempotent', async (t) => {
  const base = process.env.TEST_MONGO_URL ?? 'mongodb://127.0.0.1:27017';
  const db = await connectDatabase(`${base}/cli_seed_${randomBytes(4).toString('hex')}`);
  t.teardown(async () => {
    await db.connection.dropDatabase().catch(() => {});
    await db.close();
  });
  const url = `${base}/${db.connection.name}`;
  const games = bundledGames();
  t.ok(games.includes('sdvx') && games.includes('chunithm'), `bundled: ${games.join(', ')}`);
  const expected = Object.fromEntries(games.map((g) => [g, { songs: bundled(g, 'songs').length, charts: bundled(g, 'charts').length }]));
  const count = async () =>
    Object.fromEntries(await Promise.all(games.map(async (g) => [g, { songs: await db.songs(g).countDocuments(), charts: await db.charts(g).countDocuments() }])));

  const run = await seed(url);
  t.equal(run.code, 0, `exits 0 (stderr: ${run.stderr})`);
  t.equal(run.stderr, '');
  t.same(JSON.parse(run.stdout), { seeded: expected }, 'prints one line of JSON');
  t.equal(run.stdout.trim().split('\n').length, 1);
  t.same(await count(), expected, "every bundled game's songs and charts");
  // again (one game, to keep it short): replaced, not added to
  const sdvxOnly = mkdtempSync(join(tmpdir(), 'si-seed-sdvx-'));
  t.teardown(() => rmSync(sdvxOnly, { recursive: true, force: true }));
  for (const kind of ['songs', 'charts']) writeFileSync(join(sdvxOnly, `${kind}-sdvx.json`), readFileSync(join(BUNDLED_DATA_DIR, `${kind}-sdvx.json`)));
  const again = await seed(url, '--from', sdvxOnly);
  t.equal(again.code, 0, again.stderr);
  t.same(await count(), expected, 'idempotent');
  t.equal((await db.songs('sdvx').findOne({ id: 1 }, { projection: { _id: 0 } }))?.title, 'ALBIDA Powerless Mix');
  // ids stay unique after a re-seed
  t.equal((await db.charts('sdvx').distinct('chartID')).length, expected.sdvx.charts);

  const empty = mkdtempSync(join(tmpdir(), 'si-seed-empty-'));
  t.teardown(() => rmSync(empty, { recursive: true, force: true }));
  const none = await seed(url, '--from', empty);
  t.equal(none.code, 1, 'a directory without seed files is an error');
  t.match(none.stderr, /^error: seed --from: .* holds no songs-<game>\.json and charts-<game>\.json pair/);
  const missing = await seed(url, '--from', join(empty, 'nope'));
  t.match(missing.stderr, /is not a directory/);
});

t.test('seed --from: a running API and worker use the new data at once, without a restart', async (t) => {
  const stack = await startStack(t, { config: testConfig() });
  const { token } = await stack.user('operator');
  // an SDVX chart that is not in the bundled data: in-game ID 99999, its song is new too
  const dir = mkdtempSync(join(tmpdir(), 'si-seed-from-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = { meta: { game: 'sdvx', playtype: 'Single', service: 'operator' }, scores: [{ score: 9_000_000, lamp: 'CLEAR', matchType: 'sdvxInGameID', identifier: '99999', difficulty: 'EXH' }] };

  const before = await importAndWait(stack.app, token, file);
  t.equal(before.json.body.import.errors[0]?.type, 'SongOrChartNotFound', 'unknown before the seed');

  const songs = [...bundled('sdvx', 'songs'), { id: 99999, title: 'Operator Song', artist: 'op', altTitles: [], searchTerms: [], data: {} }];
  const charts = [
    ...bundled('sdvx', 'charts'),
    {
      chartID: 'f'.repeat(40), songID: 99999, difficulty: 'EXH', level: '15', levelNum: 15, playtype: 'Single', isPrimary: true,
      versions: ['exceed'], data: { inGameID: 99999 },
    },
  ];
  writeFileSync(join(dir, 'songs-sdvx.json'), JSON.stringify(songs));
  writeFileSync(join(dir, 'charts-sdvx.json'), JSON.stringify(charts));
  const run = await seed(stack.config.MONGO_URL, '--from', dir);
  t.equal(run.code, 0, run.stderr);
  t.same(JSON.parse(run.stdout), { seeded: { sdvx: { songs: songs.length, charts: charts.length } } });

  // processes check the data's version at most once a second
  await new Promise((r) => setTimeout(r, 1_100));
  const after = await importAndWait(stack.app, token, file);
  t.equal(after.statusCode, 200);
  t.same(after.json.body.import.errors, [], 'the running worker found the new chart');
  t.equal(after.json.body.import.scoreIDs.length, 1);
  const detail = await stack.app.inject({ method: 'GET', url: `/api/v1/imports/${after.importID}` });
  t.equal(detail.json().body.songs[0]?.title, 'Operator Song', 'the running API shows the new song');
});
