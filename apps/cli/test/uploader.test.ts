/**
 * The command-line uploader, `npm run cli -- import <file> --url <BASE_URL> --token <token>`, run
 * as a real process against a real listening API and a worker: the summary of a completed import
 * (imported, skipped, errors by type, sessions created/appended) with exit 0; exit 1 with the
 * server's description for a failed import and for a bad token; a usage error for missing flags.
 */
import t, { type Test } from 'tap';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startStack } from '../../../test/support/stack.ts';
import { sdvxFile } from '../../../test/support/files.ts';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn' },
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

const dir = mkdtempSync(join(tmpdir(), 'si-uploader-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const T0 = Date.UTC(2024, 4, 1, 12);
const HOUR = 3_600_000;

t.test('against a real API and worker', async (t) => {
  // testConfig's BASE_URL (http://score-import.test) is not where the API listens: the uploader
  // follows the import at the --url it was given
  const stack = await startStack(t);
  await stack.app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(stack.app.server.address() as { port: number }).port}`;
  const { token } = await stack.user('uploader');

  // six scores in three sessions (five hours apart), and one score of a song that does not exist
  const base = sdvxFile(6, { start: T0, service: 'uploader' });
  const withError = {
    ...base,
    scores: [
      ...base.scores,
      { score: 9_000_000, lamp: 'CLEAR', matchType: 'sdvxInGameID', identifier: '999999', difficulty: 'EXH', timeAchieved: T0 + 60_000 },
    ],
  };
  const first = file('first.json', withError);

  t.test('a file with an unknown song: exit 0 and the summary', async (t) => {
    const run = await cli(['import', first, '--url', url, '--token', token]);
    t.equal(run.code, 0, run.stderr);
    const id = /^Import ([0-9a-f]{40}) accepted\.$/m.exec(run.stderr)?.[1];
    t.ok(id, `stderr names the import: ${run.stderr}`);
    t.equal(
      run.stdout,
      [
        `Import ${id} completed.`,
        '  scores imported:   6',
        '  skipped (already imported): 0',
        '  errors:            1 (SongOrChartNotFound 1)',
        '  sessions:          3 created, 0 appended',
        '',
      ].join('\n'),
    );
    const doc = await stack.db.imports.findOne({ importID: id });
    t.equal(doc?.scoreIDs.length, 6, 'the summary is the ImportDocument');
  });

  t.test('the same file again: nothing imported, all skipped, the orphan already exists', async (t) => {
    const run = await cli(['import', first, '--url', `${url}/`, '--token', token]);
    t.equal(run.code, 0, run.stderr);
    t.match(run.stdout, /^ {2}scores imported: {3}0$/m);
    t.match(run.stdout, /^ {2}skipped \(already imported\): 6$/m);
    t.match(run.stdout, /^ {2}errors: {12}1 \(OrphanExists 1\)$/m);
    t.match(run.stdout, /^ {2}sessions: {10}0 created, 0 appended$/m);
  });

  t.test('a score in an existing session: appended', async (t) => {
    const later = sdvxFile(1, { start: T0 + 30 * 60_000, offset: 40, service: 'uploader' });
    const run = await cli(['import', file('appended.json', later), '--url', url, '--token', token]);
    t.equal(run.code, 0, run.stderr);
    t.match(run.stdout, /^ {2}scores imported: {3}1$/m);
    t.match(run.stdout, /^ {2}errors: {12}0$/m);
    t.match(run.stdout, /^ {2}sessions: {10}0 created, 1 appended$/m);
    // and one in a new session of its own, days later
    const apart = sdvxFile(1, { start: T0 + 72 * HOUR, offset: 50, service: 'uploader' });
    const run2 = await cli(['import', file('apart.json', apart), '--url', url, '--token', token]);
    t.equal(run2.code, 0, run2.stderr);
    t.match(run2.stdout, /^ {2}sessions: {10}1 created, 0 appended$/m);
  });

  t.test('failures: exit 1 with the server\'s description', async (t) => {
    const { token: readOnly } = await stack.user('reader', { permissions: [] });
    const [broken, badToken, noPermission] = await Promise.all([
      cli(['import', file('broken.json', '{"meta": {"game": "sdvx"'), '--url', url, '--token', token]),
      cli(['import', first, '--url', url, '--token', 'not-a-token']),
      cli(['import', first, '--url', url, '--token', readOnly]),
    ]);
    t.test('a file the import cannot read', async (t) => checkBroken(t, broken));
    t.test('a bad token', async (t) => {
      t.equal(badToken.code, 1);
      t.equal(badToken.stdout, '');
      t.equal(badToken.stderr, 'Upload failed (401): The provided API token does not correspond with any key in the database.\n');
    });
    t.test('a token without submit_score', async (t) => {
      t.equal(noPermission.code, 1);
      t.equal(noPermission.stderr, 'Upload failed (403): You are missing the following permissions necessary for this request: submit_score\n');
    });
  });
});

function checkBroken(t: Test, run: Run): void {
  t.equal(run.code, 1);
  t.equal(run.stdout, '', 'no summary');
  t.match(run.stderr, /^Import [0-9a-f]{40} accepted\.$/m, 'the upload itself was accepted');
  t.match(run.stderr, /^Import failed \(400\): Invalid JSON\. \(.+\)$/m);
}

t.test('usage and local errors: one line on stderr, exit 1', async (t) => {
  const f = file('ok.json', sdvxFile(1));
  const usage = 'error: import takes <file> --url <BASE_URL> --token <token>.\n';
  const usageCases = [
    ['import'],
    ['import', f, '--url', 'http://127.0.0.1:1'],
    ['import', f, '--token', 'x'],
    ['import', '--url', 'http://127.0.0.1:1', '--token', 'x'],
    ['import', f, f, '--url', 'http://127.0.0.1:1', '--token', 'x'],
  ];
  // independent runs, a few at a time
  const [unknownFlag, missing, unreachable, ...usageRuns] = await Promise.all([
    cli(['import', f, '--url', 'http://127.0.0.1:1', '--token', 'x', '--verbose']),
    cli(['import', join(dir, 'nope.json'), '--url', 'http://127.0.0.1:1', '--token', 'x']),
    cli(['import', f, '--url', 'http://127.0.0.1:1', '--token', 'x']),
    ...usageCases.map((args) => cli(args)),
  ]);
  usageRuns.forEach((run, i) => {
    t.equal(run.code, 1, usageCases[i].join(' '));
    t.equal(run.stdout, '');
    t.equal(run.stderr, usage, usageCases[i].join(' '));
  });
  t.equal(unknownFlag.code, 1);
  t.match(unknownFlag.stderr, /^error: .*--verbose.*\n$/);

  t.equal(missing.code, 1);
  t.match(missing.stderr, /^error: cannot read .*nope\.json: ENOENT\n$/);

  t.equal(unreachable.code, 1);
  t.match(unreachable.stderr, /^error: cannot reach http:\/\/127\.0\.0\.1:1\/api\/v1\/import\/file: .+\n$/);
});

t.test('a poll answered 503 with Retry-After (Redis away for a moment) is retried, not a failure', async (t) => {
  const importID = 'f'.repeat(40);
  let polls = 0;
  const server = createServer((req, res) => {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    req.resume();
    if (req.method === 'POST') {
      return send(202, { success: true, description: 'Import loaded into queue.', body: { url: 'http://elsewhere.invalid/x', importID } }, { 'retry-after': '1' });
    }
    polls++;
    if (polls <= 2) return send(503, { success: false, description: 'A service this request needs is unavailable right now. Please retry shortly.' }, { 'retry-after': '1' });
    return send(200, {
      success: true,
      description: 'Import was completed!',
      body: {
        importStatus: 'completed',
        import: { importID, scoreIDs: ['a'], errors: [], createdSessions: [{ type: 'Created' }], skippedDuplicates: 0 },
      },
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.teardown(() => server.close());
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const run = await cli(['import', file('fake.json', sdvxFile(1)), '--url', url, '--token', 'x']);
  t.equal(run.code, 0, run.stderr);
  t.equal(polls, 3, 'polled through the two 503s');
  t.match(run.stdout, /^ {2}scores imported: {3}1$/m);
  t.match(run.stdout, /^ {2}sessions: {10}1 created, 0 appended$/m);
});

t.test('a phase without counts keeps the last counts on the progress bar', async (t) => {
  // the worker's progress as poll-status reports it: counted phases, then one without counts
  // ("Updating profile statistics." has processed/total null), then completed
  const importID = 'e'.repeat(40);
  let started = 0;
  const server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    req.resume();
    if (req.method === 'POST') {
      started = Date.now();
      return send(202, { success: true, description: 'Import loaded into queue.', body: { url: 'http://elsewhere.invalid/x', importID } });
    }
    const ongoing = (description: string, processed: number | null, total: number | null) =>
      send(200, { success: true, description: 'Import is ongoing.', body: { importStatus: 'ongoing', progress: { description, processed, total } } });
    // each phase lasts longer than the bar's 2 s redraw on a pipe
    const at = Date.now() - started;
    if (at < 2_500) return ongoing('Inserting scores.', 20_000, 20_000);
    if (at < 5_000) return ongoing('Updating profile statistics.', null, null);
    return send(200, {
      success: true,
      description: 'Import was completed!',
      body: { importStatus: 'completed', import: { importID, scoreIDs: ['a'], errors: [], createdSessions: [], skippedDuplicates: 0 } },
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.teardown(() => server.close());
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const run = await cli(['import', file('counts.json', sdvxFile(1)), '--url', url, '--token', 'x']);
  t.equal(run.code, 0, run.stderr);
  const bars = run.stderr.split(/[\r\n]+/).filter((l) => l.includes(' | '));
  t.ok(bars.some((l) => / 20000\/20000 \| Inserting scores\.$/.test(l)), `the counted phase is drawn: ${JSON.stringify(bars)}`);
  t.ok(bars.some((l) => / 20000\/20000 \| Updating profile statistics\.$/.test(l)), 'the phase without counts keeps 20000/20000');
  t.notOk(bars.some((l) => / 0\/20000 /.test(l)), 'never back to 0/20000');
});
