/**
 * `npm run cli -- seed`: loads the bundled SDVX and CHUNITHM songs and charts; idempotent.
 */
import t from 'tap';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { connectDatabase } from '@score-import/db';
import { ROOT } from '../../../test/support/stack.ts';

function seed(mongoUrl: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', 'seed'], {
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

const expected = { sdvx: { songs: 2239, charts: 8307 }, chunithm: { songs: 1730, charts: 7003 } };

t.test('seed loads the bundled game data and is idempotent', async (t) => {
  const base = process.env.TEST_MONGO_URL ?? 'mongodb://127.0.0.1:27017';
  const db = await connectDatabase(`${base}/cli_seed_${randomBytes(4).toString('hex')}`);
  t.teardown(async () => {
    await db.connection.dropDatabase().catch(() => {});
    await db.close();
  });
  const url = `${base}/${db.connection.name}`;
  const count = async () => ({
    sdvx: { songs: await db.songs('sdvx').countDocuments(), charts: await db.charts('sdvx').countDocuments() },
    chunithm: { songs: await db.songs('chunithm').countDocuments(), charts: await db.charts('chunithm').countDocuments() },
  });
  t.same(await count(), { sdvx: { songs: 0, charts: 0 }, chunithm: { songs: 0, charts: 0 } }, 'a fresh database');

  for (let i = 1; i <= 2; i++) {
    const run = await seed(url);
    t.equal(run.code, 0, `run ${i} exits 0 (stderr: ${run.stderr})`);
    t.equal(run.stderr, '');
    t.equal(run.stdout, `${JSON.stringify({ seeded: expected })}\n`, `run ${i} prints one line of JSON`);
    t.same(await count(), expected, `songs-sdvx, charts-sdvx, songs-chunithm, charts-chunithm after run ${i}`);
  }
  const song = await db.songs('sdvx').findOne({ id: 1 }, { projection: { _id: 0 } });
  t.equal(song?.title, 'ALBIDA Powerless Mix');
  const chart = await db.charts('chunithm').findOne({}, { projection: { _id: 1 } });
  t.ok(chart, 'CHUNITHM charts are stored');
  // ids stay unique after a re-seed
  t.equal((await db.songs('sdvx').distinct('id')).length, 2239);
  t.equal((await db.charts('sdvx').distinct('chartID')).length, 8307);
});
