/**
 * The operator CLI as operators and automation call it: `node --import tsx apps/cli/src/main.ts …`
 * against a fresh database. Exact JSON output forms; errors are one line on stderr with exit code 1.
 */
import t, { type Test } from 'tap';
import { createHash, randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { connectDatabase, type Database } from '@score-import/db';
import { ROOT, startStack, testConfig } from '../../../test/support/stack.ts';
import { submitDirect, waitForImport } from '../../../test/support/http.ts';
import { sdvxDoc, type Json } from '../../../test/support/api-helpers.ts';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(mongoUrl: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, MONGO_URL: mongoUrl, LOG_LEVEL: 'warn', ...env },
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

/** One line of JSON on stdout, nothing on stderr, exit 0. */
function jsonLine(t: Test, run: Run): Json {
  t.equal(run.code, 0, `exit 0 (stderr: ${run.stderr})`);
  t.equal(run.stderr, '', 'nothing on stderr');
  const lines = run.stdout.split('\n').filter((l) => l !== '');
  t.equal(lines.length, 1, `one line on stdout: ${run.stdout}`);
  t.equal(run.stdout, `${lines[0]}\n`);
  return JSON.parse(lines[0]);
}

/** Exit 1, nothing on stdout, exactly one line on stderr. */
function failure(t: Test, run: Run, pattern: RegExp): void {
  t.equal(run.code, 1, 'exit code 1');
  t.equal(run.stdout, '', 'nothing on stdout');
  t.match(run.stderr, /^[^\n]+\n?$/, `one line on stderr: ${JSON.stringify(run.stderr)}`);
  t.match(run.stderr.trim(), pattern);
}


const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

async function freshDatabase(t: Test): Promise<{ url: string; db: Database }> {
  const base = process.env.TEST_MONGO_URL ?? 'mongodb://127.0.0.1:27017';
  const url = `${base}/cli_${randomBytes(4).toString('hex')}`;
  const db = await connectDatabase(url);
  t.teardown(async () => {
    await db.connection.dropDatabase().catch(() => {});
    await db.close();
  });
  return { url, db };
}

t.test('user:create and token:create', async (t) => {
  const { url, db } = await freshDatabase(t);

  // two users first (IDs 1 and 2), then every other invocation at once: they are independent
  const alice = await cli(url, ['user:create', 'Alice']);
  const root = await cli(url, ['user:create', 'root', '--admin']);
  // at most 4 CLI processes at a time: each opens its own database connections
  const named = async (cases: Record<string, string[]>) => {
    const entries = Object.entries(cases);
    const results: Record<string, Run> = {};
    let next = 0;
    const lane = async () => {
      while (next < entries.length) {
        const [k, args] = entries[next++];
        results[k] = await cli(url, args);
      }
    };
    await Promise.all([lane(), lane(), lane(), lane()]);
    return results;
  };
  const runs = await named({
    dupExact: ['user:create', 'Alice'],
    dupUpper: ['user:create', 'ALICE', '--admin'],
    nameMe: ['user:create', 'me'],
    nameBad: ['user:create', 'bad name!'],
    nameMissing: ['user:create'],
    tokenDefault: ['token:create', 'alice'],
    tokenBoth: ['token:create', 'ALICE', '--permissions', 'submit_score,delete_score'],
    tokenOne: ['token:create', 'root', '--permissions=submit_score'],
    tokenEmpty: ['token:create', 'alice', '--permissions', ''],
    tokenNobody: ['token:create', 'nobody'],
    tokenBadPerm: ['token:create', 'alice', '--permissions', 'submit_score,fly'],
    tokenBadFlag: ['token:create', 'alice', '--bogus'],
    unknownCommand: ['frobnicate'],
    help: ['--help'],
  });
  const badConfig = await cli(url, ['seed'], { MONGO_URL: 'postgres://nope' });

  t.test('user:create prints {"userID","username","token"}', async (t) => {
    const out = jsonLine(t, alice);
    t.same(Object.keys(out), ['userID', 'username', 'token']);
    t.equal(out.userID, 1);
    t.equal(out.username, 'Alice');
    t.match(out.token, /^\S{20,}$/);
    const user = await db.users.findOne({ id: 1 });
    t.equal(user?.username, 'Alice');
    t.equal(user?.usernameLowercase, 'alice');
    t.equal(user?.authLevel, 1);
    const token = await db.apiTokens.findOne({ tokenHash: sha256(out.token) });
    t.ok(token, 'the token is stored hashed');
    t.equal(token?.userID, 1);
    t.same(token?.permissions, { submit_score: true, delete_score: true });
    t.equal(await db.apiTokens.countDocuments({ token: out.token }), 0, 'the plain token is not stored');
  });

  t.test('user:create --admin', async (t) => {
    const out = jsonLine(t, root);
    t.same(out, { userID: 2, username: 'root', token: out.token });
    t.equal((await db.users.findOne({ id: 2 }))?.authLevel, 3);
  });

  t.test('duplicate username (any case) → exit 1, one line on stderr', async (t) => {
    failure(t, runs.dupExact, /^error: A user named 'Alice' already exists\.$/);
    failure(t, runs.dupUpper, /^error: A user named 'ALICE' already exists\.$/);
    t.equal(await db.users.countDocuments({ usernameLowercase: 'alice' }), 1);
  });

  t.test('bad usernames → exit 1', async (t) => {
    failure(t, runs.nameMe, /^error: Invalid username 'me'/);
    failure(t, runs.nameBad, /^error: Invalid username 'bad name!'/);
    failure(t, runs.nameMissing, /<username>/);
    t.equal(await db.users.countDocuments(), 2, 'no user was created');
  });

  t.test('token:create without --permissions prints {"token","permissions":[]}', async (t) => {
    const out = jsonLine(t, runs.tokenDefault);
    t.same(Object.keys(out), ['token', 'permissions']);
    t.same(out.permissions, []);
    const doc = await db.apiTokens.findOne({ tokenHash: sha256(out.token) });
    t.equal(doc?.userID, 1);
    t.same(doc?.permissions, {});
  });

  t.test('token:create --permissions', async (t) => {
    const both = jsonLine(t, runs.tokenBoth);
    t.same(Object.keys(both), ['token', 'permissions']);
    t.same(both.permissions, ['submit_score', 'delete_score']);
    const doc = await db.apiTokens.findOne({ tokenHash: sha256(both.token) });
    t.equal(doc?.userID, 1);
    t.same(doc?.permissions, { submit_score: true, delete_score: true });

    const one = jsonLine(t, runs.tokenOne);
    t.same(one.permissions, ['submit_score']);
    t.equal((await db.apiTokens.findOne({ tokenHash: sha256(one.token) }))?.userID, 2);

    const empty = jsonLine(t, runs.tokenEmpty);
    t.same(empty.permissions, [], 'an empty list is allowed');
    const tokens = [both.token, one.token, empty.token, jsonLine(t, runs.tokenDefault).token];
    t.equal(new Set(tokens).size, 4, 'every token is new');
  });

  t.test('token:create errors → exit 1, one line on stderr', async (t) => {
    failure(t, runs.tokenNobody, /^error: The user 'nobody' does not exist\.$/);
    failure(t, runs.tokenBadPerm, /^error: Unknown permission\(s\): fly\. Expected any of /);
    failure(t, runs.tokenBadFlag, /bogus/);
    // 2 from user:create + 4 successful token:create
    t.equal(await db.apiTokens.countDocuments(), 6, 'no token was created by a failed command');
  });

  t.test('other errors → exit 1, one line on stderr', async (t) => {
    failure(t, runs.unknownCommand, /^error: Unknown command 'frobnicate'\.$/);
    failure(t, badConfig, /MONGO_URL/);
  });

  t.test('--help prints usage and exits 0', async (t) => {
    t.equal(runs.help.code, 0);
    t.match(runs.help.stdout, /user:create <username> \[--admin\]/);
    t.match(runs.help.stdout, /token:create <username> \[--permissions a,b\]/);
  });
});

t.test('concurrent user:create processes get distinct IDs', async (t) => {
  const { url, db } = await freshDatabase(t);
  const runs = await Promise.all(['u1', 'u2', 'u3', 'u4'].map((name) => cli(url, ['user:create', name])));
  const ids = runs.map((run) => jsonLine(t, run).userID as number);
  t.equal(new Set(ids).size, 4, `distinct IDs: ${ids.join(', ')}`);
  for (const id of ids) t.ok(Number.isInteger(id) && id > 0, `positive integer ID ${id}`);
  t.equal(await db.users.countDocuments(), 4);
  t.equal(await db.apiTokens.countDocuments(), 4);
});

t.test('a token printed by the CLI works against the API', async (t) => {
  const config = testConfig();
  const created = await cli(config.MONGO_URL, ['user:create', 'cliuser']);
  const { token, userID } = jsonLine(t, created);
  const stack = await startStack(t, { config });
  const res = await submitDirect(stack.app, token, sdvxDoc(1));
  t.equal(res.statusCode, 202, res.body);
  const done = await waitForImport(stack.app, res.json().body.importID);
  t.equal(done.statusCode, 200, JSON.stringify(done.json));
  t.equal(done.json.body.import.userID, userID);

  const limited = jsonLine(t, await cli(config.MONGO_URL, ['token:create', 'cliuser']));
  const refused = await submitDirect(stack.app, limited.token, sdvxDoc(1));
  t.equal(refused.statusCode, 403);
});
