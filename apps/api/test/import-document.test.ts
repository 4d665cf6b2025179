/**
 * GET /api/v1/imports/:importID (spec §2.1): scores, their songs and charts, sessions, the import
 * and its owner — with no secret and no Mongo _id anywhere — and 404 for unknown or malformed ids.
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { ROOT, startStack } from '../../../test/support/stack.ts';
import { importAndWait, uploadFile } from '../../../test/support/http.ts';
import { sdvxDoc, secondApp, secretPaths } from '../../../test/support/api-helpers.ts';

const DAY = 24 * 3600 * 1000;

t.test('GET an import', async (t) => {
  const stack = await startStack(t);
  const other = await secondApp(t, stack);
  const { userID, token } = await stack.user('Reader');

  // two groups more than 2h apart → two sessions; plus one untimed score
  const start = Date.UTC(2024, 0, 1, 12);
  const doc = sdvxDoc(5, { timeAchieved: start });
  (doc.scores[3] as { timeAchieved?: number }).timeAchieved = start + DAY;
  delete (doc.scores[4] as { timeAchieved?: number }).timeAchieved;
  const imported = await importAndWait(stack.app, token, doc);
  t.equal(imported.statusCode, 200, JSON.stringify(imported.json));
  const { importID } = imported;

  for (const [name, app] of [['this instance', stack.app], ['another instance', other]] as const) {
    t.test(name, async (t) => {
      const res = await app.inject({ method: 'GET', url: `/api/v1/imports/${importID}` });
      t.equal(res.statusCode, 200);
      const json = res.json();
      t.equal(json.success, true);
      t.equal(json.description, 'Returned info about this session.');
      const body = json.body;
      t.same(Object.keys(body).sort(), ['charts', 'import', 'scores', 'sessions', 'songs', 'user']);

      // import: the same document poll-status returned
      t.same(body.import, imported.json.body.import);
      t.equal(body.import.importID, importID);
      t.equal(body.import.userID, userID);
      t.equal(body.import.scoreIDs.length, 5);
      t.notOk('revertPlan' in body.import);

      // scores: exactly the import's
      t.same(body.scores.map((s: { scoreID: string }) => s.scoreID).sort(), [...body.import.scoreIDs].sort());
      for (const s of body.scores) {
        t.equal(s.userID, userID);
        t.equal(s.game, 'sdvx');
        t.equal(s.service, 'route-tests (BATCH-MANUAL)');
        t.equal(s.importType, 'file/batch-manual');
      }

      // songs and charts: exactly those of the scores
      const chartIDs = [...new Set(body.scores.map((s: { chartID: string }) => s.chartID))].sort();
      const songIDs = [...new Set(body.scores.map((s: { songID: number }) => s.songID))].sort();
      t.same(body.charts.map((c: { chartID: string }) => c.chartID).sort(), chartIDs);
      t.same(body.songs.map((s: { id: number }) => s.id).sort(), songIDs);
      t.equal(body.charts.length, 5);
      for (const c of body.charts) t.equal(c.difficulty, 'ADV');
      const song1 = body.songs.find((s: { id: number }) => s.id === 1);
      t.equal(song1?.title, 'ALBIDA Powerless Mix');

      // sessions: the ones the import created
      t.equal(body.import.createdSessions.length, 2);
      t.same(
        body.sessions.map((s: { sessionID: string }) => s.sessionID).sort(),
        body.import.createdSessions.map((c: { sessionID: string }) => c.sessionID).sort(),
      );
      for (const s of body.sessions) {
        t.match(s.sessionID, /^Q[0-9a-f]{40}$/);
        t.equal(s.userID, userID);
      }
      const sizes = body.sessions.map((s: { scoreIDs: string[] }) => s.scoreIDs.length).sort();
      t.same(sizes, [1, 3]);

      // user: public document, no secrets
      t.equal(body.user.id, userID);
      t.equal(body.user.username, 'Reader');
      t.equal(body.user.usernameLowercase, 'reader');
      t.equal(body.user.authLevel, 1);
      t.same(secretPaths(json), [], 'no token, tokenHash, password or _id anywhere');
      t.notOk(res.body.includes(token), 'the token never appears in the response');
    });
  }
});

t.test('a CHUNITHM import reads the CHUNITHM songs and charts', async (t) => {
  const stack = await startStack(t);
  const { token } = await stack.user('chuni');
  const file = JSON.parse(readFileSync(`${ROOT}/examples/chunithm.json`, 'utf8'));
  const imported = await importAndWait(stack.app, token, file, 'direct');
  t.equal(imported.statusCode, 200, JSON.stringify(imported.json));
  const res = await stack.app.inject({ method: 'GET', url: `/api/v1/imports/${imported.importID}` });
  t.equal(res.statusCode, 200);
  const body = res.json().body;
  t.equal(body.scores.length, 1);
  t.equal(body.scores[0].service, 'ChunItachi (DIRECT-MANUAL)');
  t.equal(body.songs.length, 1);
  t.equal(body.songs[0].title, 'B.B.K.K.B.K.K.');
  t.equal(body.charts.length, 1);
  t.equal(body.charts[0].difficulty, 'BASIC');
  t.equal(body.charts[0].chartID, body.scores[0].chartID);
  t.same(body.sessions, []);
  t.same(secretPaths(res.json()), []);
});

t.test('an import without new scores still has a document', async (t) => {
  const stack = await startStack(t);
  const { token } = await stack.user('empty');
  const imported = await importAndWait(stack.app, token, { meta: { game: 'sdvx', playtype: 'Single', service: 'tests' }, scores: [] });
  t.equal(imported.statusCode, 200, JSON.stringify(imported.json));
  t.same(imported.json.body.import.scoreIDs, []);
  t.same(imported.json.body.import.playtypes, []);
  const res = await stack.app.inject({ method: 'GET', url: `/api/v1/imports/${imported.importID}` });
  t.equal(res.statusCode, 200);
  const body = res.json().body;
  t.same([body.scores, body.songs, body.charts, body.sessions], [[], [], [], []]);
  t.equal(body.user.username, 'empty');
});

t.test('unknown and malformed ids → 404', async (t) => {
  const stack = await startStack(t, { worker: false });
  const NONE = { success: false, description: 'This import does not exist.' };
  for (const id of ['b'.repeat(40), 'B'.repeat(40), 'abc', '..%2F..%2Fetc%2Fpasswd', encodeURIComponent('{"$gt":""}'), 'failed%00']) {
    const res = await stack.app.inject({ method: 'GET', url: `/api/v1/imports/${id}` });
    t.equal(res.statusCode, 404, id);
    t.same(res.json(), NONE, id);
  }
  for (const method of ['GET', 'POST'] as const) {
    const url = method === 'GET' ? `/api/v1/imports/${'a'.repeat(101)}` : `/api/v1/imports/${'a'.repeat(101)}/revert`;
    const long = await stack.app.inject({ method, url });
    t.equal(long.statusCode, 414, method);
    t.same(long.json(), { success: false, description: 'A path parameter of the URL is too long.' });
    const bad = await stack.app.inject({ method, url: method === 'GET' ? '/api/v1/imports/%E0%A4%A' : '/api/v1/imports/%E0%A4%A/revert' });
    t.equal(bad.statusCode, 400, method);
    t.same(bad.json(), { success: false, description: 'The URL could not be decoded.' });
  }
  // an import that is only queued has no document yet
  const { token } = await stack.user('queued');
  const importID = (await uploadFile(stack.app, token, sdvxDoc(1))).json().body.importID;
  const res = await stack.app.inject({ method: 'GET', url: `/api/v1/imports/${importID}` });
  t.equal(res.statusCode, 404);
  t.same(res.json(), NONE);
});
