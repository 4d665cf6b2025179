/**
 * Reverts are exclusive: five reverts of one import fired at once through two API instances (by
 * the owner and an admin; then, in later rounds, staggered by a few milliseconds) → exactly one 200, the others 409 (the user's lease is taken) or 404
 * (already reverted); the state afterwards is that of one revert: no score and no ImportDocument
 * of the import left, PBs, sessions and profiles of every user as before the import.
 */
import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { startStack } from '../support/stack.ts';
import { bearer, importAndWait } from '../support/http.ts';
import { secondApp } from '../support/api-helpers.ts';
import { sdvxFile } from '../support/files.ts';
import { userState } from '../support/state.ts';

const T0 = Date.UTC(2024, 2, 1, 12);
const HOUR = 3_600_000;

/** Better scores on charts alice already played (appending to her sessions), and a new session. */
function fileB() {
  const improved = sdvxFile(6, { start: T0 + HOUR / 2, offset: 3, service: 'revert-race' });
  const later = sdvxFile(2, { start: T0 + 48 * HOUR, offset: 20, service: 'revert-race' });
  return {
    ...improved,
    scores: [...improved.scores.map((s) => ({ ...s, score: Math.min(10_000_000, s.score + 150_000) })), ...later.scores],
  };
}

function metricSum(text: string, name: string, outcome: string): number {
  const m = new RegExp(`^${name}\\{outcome="${outcome}"\\} (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}

t.test('concurrent reverts of one import: exactly one succeeds, the state is one revert', async (t) => {
  const stack = await startStack(t);
  const other = await secondApp(t, stack);
  const alice = await stack.user('alice');
  const bob = await stack.user('bob');
  const admin = await stack.user('root', { admin: true });

  // the state before: alice and bob on the same charts (rankings), alice with three sessions
  for (const [user, file] of [
    [alice, sdvxFile(6, { start: T0, service: 'revert-race' })],
    [bob, sdvxFile(9, { start: T0, service: 'revert-race-bob' })],
  ] as const) {
    const res = await importAndWait(stack.app, user.token, file);
    t.equal(res.statusCode, 200, JSON.stringify(res.json).slice(0, 300));
  }

  const rounds = 3;
  for (let round = 1; round <= rounds; round++) {
    await t.test(`round ${round}`, async (t) => {
      const before = { alice: await userState(stack.db, alice.userID), bob: await userState(stack.db, bob.userID) };
      const B = await importAndWait(stack.app, alice.token, fileB());
      t.equal(B.statusCode, 200);
      const importID = B.importID;
      const doc = B.json.body.import;
      t.equal(doc.scoreIDs.length, 8, 'the import added its scores');
      t.ok(doc.createdSessions.some((s: { type: string }) => s.type === 'Appended'), 'appended to an existing session');
      t.ok(doc.createdSessions.some((s: { type: string }) => s.type === 'Created'), 'and created one');
      t.not(JSON.stringify(await userState(stack.db, alice.userID)), JSON.stringify(before.alice), 'the import changed the state');

      const apps: FastifyInstance[] = [stack.app, other, stack.app, other, other];
      const tokens = [alice.token, alice.token, admin.token, alice.token, admin.token];
      // round 1: all at once; later rounds staggered, so that some land while the revert runs
      // (409) and some after it (404)
      const delays = round === 1 ? [0, 0, 0, 0, 0] : [0, 5, 20, 60, 150].map((d) => d * (round - 1));
      const answers = await Promise.all(
        apps.map(async (app, i) => {
          if (delays[i]) await new Promise((r) => setTimeout(r, delays[i]));
          return app.inject({ method: 'POST', url: `/api/v1/imports/${importID}/revert`, headers: bearer(tokens[i]) });
        }),
      );
      const codes = answers.map((a) => a.statusCode);
      t.equal(codes.filter((c) => c === 200).length, 1, `exactly one 200 (${codes.join(', ')})`);
      t.same(codes.filter((c) => c !== 200 && c !== 409 && c !== 404), [], 'the others 409 or 404');
      for (const a of answers) {
        if (a.statusCode === 200) t.strictSame(a.json(), { success: true, description: 'Reverted import.', body: {} });
        if (a.statusCode === 409) t.same(a.json(), { success: false, description: 'You already have an import or a revert ongoing.' });
        if (a.statusCode === 404) t.same(a.json(), { success: false, description: 'This import does not exist.' });
      }

      // the state of one revert
      t.equal(await stack.db.imports.countDocuments({ importID }), 0, 'no ImportDocument');
      t.equal(await stack.db.scores.countDocuments({ importID }), 0, 'no score of the import');
      t.equal(await stack.db.scores.countDocuments({ scoreID: { $in: doc.scoreIDs } }), 0);
      t.equal(await stack.db.importCheckpoints.countDocuments({ importID }), 0, 'no checkpoint');
      t.same(await userState(stack.db, alice.userID), before.alice, "alice's scores, PBs, sessions and profile as before the import");
      t.same(await userState(stack.db, bob.userID), before.bob, "bob's PBs (rankings) as before");
      t.equal(await stack.app.leases.isHeld(alice.userID), false, 'the lease was released');
      for (const app of [stack.app, other]) {
        t.equal((await app.inject({ method: 'GET', url: `/api/v1/imports/${importID}/poll-status` })).statusCode, 404);
        t.equal((await app.inject({ method: 'GET', url: `/api/v1/imports/${importID}` })).statusCode, 404);
      }
      // and a revert after all that is a plain 404
      const late = await other.inject({ method: 'POST', url: `/api/v1/imports/${importID}/revert`, headers: bearer(alice.token) });
      t.equal(late.statusCode, 404);
    });
  }

  t.test('the metrics count one revert per round, across both instances', async (t) => {
    const texts = await Promise.all([stack.app, other].map(async (app) => (await app.inject({ method: 'GET', url: '/metrics' })).body));
    const sum = (outcome: string) => texts.reduce((n, text) => n + metricSum(text, 'score_import_reverts_total', outcome), 0);
    t.equal(sum('reverted'), rounds);
    // refused ones count as conflict (409) or not-found (404 after taking the lease); a 404 at the lookup is not a revert
    t.ok(sum('conflict') + sum('not-found') <= rounds * 4, 'never more refusals than requests');
  });
});
