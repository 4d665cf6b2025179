/**
 * Interrupted reverts (spec §4, better than Tachi): a revert that dies part-way is finished by
 * running it again and ends in exactly the state of a clean revert, which is the whole stored
 * state before the import.
 */
import t from 'tap';
import { startStack } from '../support/stack.ts';
import { revertImport } from '@score-import/core';
import { IMPORT_DOC_KEYS, SDVX, dbState, importDocOf, importOK, revert } from './helpers.ts';
import { ADV, baseline, checkBApplied, fileB } from './revert-scenario.ts';

t.test('a revert interrupted part-way finishes when run again', async (t) => {
  const stack = await startStack(t);
  const base = await baseline(stack);
  const before = await dbState(stack);
  const api = stack.app.db;

  const BChartIDs = [ADV.chartID, ...SDVX.L20.slice(0, 5).map((c) => c.chartID)];

  await t.test('plan written and the scores deleted, nothing else done', async (t) => {
    const B = await importOK(stack, base.alice.token, fileB());
    await checkBApplied(t, stack, base, B);
    await stack.db.imports.updateOne(
      { importID: B.importID },
      { $set: { revertPlan: { chartIDs: BChartIDs, playtypes: ['Single'] } } },
    );
    const deleted = await stack.db.scores.deleteMany({ importID: B.importID });
    t.equal(deleted.deletedCount, 8);
    // the import can still be looked at (the plan is internal) and reverted
    const detail = await stack.app.inject({ method: 'GET', url: `/api/v1/imports/${B.importID}` });
    t.equal(detail.statusCode, 200);
    t.same(Object.keys(detail.json().body.import).sort(), IMPORT_DOC_KEYS);
    t.same(detail.json().body.scores, [], 'its scores are gone');
    const poll = await stack.app.inject({ method: 'GET', url: `/api/v1/imports/${B.importID}/poll-status` });
    t.same(Object.keys(poll.json().body.import).sort(), IMPORT_DOC_KEYS);
    const res = await revert(stack, base.alice.token, B.importID);
    t.equal(res.statusCode, 200, res.body);
    t.same(await dbState(stack), before);
  });

  await t.test('the core revert run step by step up to a crash, then again', async (t) => {
    const B = await importOK(stack, base.alice.token, fileB());
    // crash right after the plan was written: run the first step only by failing the second
    const sessions = stack.db.sessions as unknown as Record<string, unknown>;
    sessions.find = () => {
      throw new Error('crash after the plan');
    };
    await t.rejects(revertImport(stack.db, stack.app.charts, B.importID), /crash after the plan/);
    delete sessions.find;
    const doc = await importDocOf(stack, B.importID);
    t.same(doc?.revertPlan?.playtypes, ['Single']);
    t.same([...(doc?.revertPlan?.chartIDs ?? [])].sort(), [...BChartIDs].sort(), 'the plan lists every chart the import touched');
    t.equal(await stack.db.scores.countDocuments({ importID: B.importID }), 8, 'nothing deleted yet');
    t.equal((await revert(stack, base.alice.token, B.importID)).statusCode, 200);
    t.same(await dbState(stack), before);
  });

  // crash points through the API's own database handle, each failing once
  const crashes: [string, 'sessions' | 'scores' | 'personalBests' | 'gameStats' | 'imports', string][] = [
    ['while deleting the session B created', 'sessions', 'deleteMany'],
    ['while updating the session B appended to', 'sessions', 'bulkWrite'],
    ['while deleting the scores', 'scores', 'deleteMany'],
    ['while deleting the PBs before rebuilding them', 'personalBests', 'deleteMany'],
    ['while inserting the rebuilt PBs', 'personalBests', 'insertMany'],
    ['while writing the profile', 'gameStats', 'replaceOne'],
    ['while deleting the ImportDocument', 'imports', 'deleteOne'],
  ];
  for (const [name, collection, method] of crashes) {
    await t.test(`crash ${name}`, async (t) => {
      const B = await importOK(stack, base.alice.token, fileB());
      await checkBApplied(t, stack, base, B);
      const target = api[collection] as unknown as Record<string, unknown>;
      let crashed = 0;
      target[method] = () => {
        crashed++;
        delete target[method];
        throw new Error(`injected crash ${name}`);
      };
      const first = await revert(stack, base.alice.token, B.importID);
      delete target[method];
      t.equal(crashed, 1, 'the crash point was reached');
      t.equal(first.statusCode, 500);
      t.ok(await importDocOf(stack, B.importID), 'the ImportDocument is still there, so the revert can be run again');
      const second = await revert(stack, base.alice.token, B.importID);
      t.equal(second.statusCode, 200, second.body);
      t.same(await dbState(stack), before);
    });
  }
});
