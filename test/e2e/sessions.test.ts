/**
 * Sessions (spec §3.9): the 2-hour rule within one import, scores without a timestamp, a later
 * import appended to existing sessions (scoreIDs old ++ new, widened times, recomputed
 * calculatedData) next to a newly created one, and GET /api/v1/imports/:id listing both kinds.
 *
 * Every SDVX score here is on ALBIDA ADV (level 10) between 9,000,000 and 9,000,099 with CLEAR:
 * VF6 = floor(20 × score/10M × 91 × 100 / 1000) / 1000 = 0.163 for all of them.
 */
import t from 'tap';
import { startStack } from '../support/stack.ts';
import { CHUNI, DAY, HOUR, MINUTE, SDVX, T0, chuniFile, chuniScore, importOK, sdvxFile, sdvxScore, sessionOf } from './helpers.ts';

const ADV = SDVX.ALBIDA_ADV;
/** the k-th distinct score of these tests */
const s = (k: number, timeAchieved: number | null) =>
  sdvxScore(ADV, 9_000_000 + k, 'CLEAR', timeAchieved === null ? {} : { timeAchieved });

/** spec §5.1: session ProfileVF6 = mean of the 10 largest VF6 × 50 */
const PROFILE_VF6_OF_TEN = (Array(10).fill(0.163).reduce((a: number, b: number) => a + b, 0) / 10) * 50;

t.test('one file makes two sessions; a later import appends to both and creates a third', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');

  // S1: 8 scores 10 minutes apart (T0 … T0+70m); S2 starts 2 h + 1 ms after S1's last score
  // (exactly 2 h would split the groups but then append the second to S1, see below)
  const s1Times = Array.from({ length: 8 }, (_, k) => T0 + k * 10 * MINUTE);
  const s2Times = [T0 + 70 * MINUTE + 2 * HOUR + 1, T0 + 200 * MINUTE];
  const file1 = [
    ...s2Times.map((time, i) => s(8 + i, time)),
    s(10, null),
    s(15, 0), // timeAchieved 0 means "unknown": stored as null
    ...s1Times.map((time, k) => s(k, time)).reverse(),
  ];
  const first = await importOK(stack, token, sdvxFile(file1));
  t.equal(first.scoreIDs.length, 12);
  const id = new Map<number, string>(); // k → scoreID
  const scores = await stack.db.scores.find({ importID: first.importID }).toArray();
  for (const sc of scores) id.set((sc.scoreData.score as number) - 9_000_000, sc.scoreID as string);

  t.equal(first.createdSessions.length, 2);
  t.same(first.createdSessions.map((c) => c.type), ['Created', 'Created']);
  const [S1, S2] = first.createdSessions.map((c) => c.sessionID);
  for (const sid of [S1, S2]) t.match(sid, /^Q[0-9a-f]{40}$/);
  t.equal(await stack.db.sessions.countDocuments({ userID }), 2, 'the untimed scores are in no session');
  t.equal(scores.find((sc) => sc.scoreID === id.get(15))?.timeAchieved, null);
  t.equal(scores.find((sc) => sc.scoreID === id.get(10))?.timeAchieved, null);

  const s1 = await sessionOf(stack, S1);
  t.type(s1?.name, 'string');
  t.match(s1?.name, /^\S+ \S+ \S+$/);
  t.type(s1?.timeInserted, 'number');
  t.strictSame(s1, {
    userID,
    sessionID: S1,
    scoreIDs: [0, 1, 2, 3, 4, 5, 6, 7].map((k) => id.get(k)),
    name: s1?.name,
    desc: null,
    game: 'sdvx',
    playtype: 'Single',
    highlight: false,
    timeInserted: s1?.timeInserted,
    timeStarted: T0,
    timeEnded: T0 + 70 * MINUTE,
    calculatedData: { ProfileVF6: null },
  });
  const s2 = await sessionOf(stack, S2);
  t.same(
    [s2?.scoreIDs, s2?.timeStarted, s2?.timeEnded, s2?.calculatedData],
    [[id.get(8), id.get(9)], s2Times[0], s2Times[1], { ProfileVF6: null }],
  );

  // 2nd import: two scores just before S1 (widen its start), one 60 min after S2 (widen its end),
  // one two days later (a new session)
  const second = await importOK(
    stack,
    token,
    sdvxFile([s(14, T0 + 2 * DAY), s(13, T0 + 260 * MINUTE), s(12, T0 - 30 * MINUTE), s(11, T0 - 60 * MINUTE)]),
  );
  for (const sc of await stack.db.scores.find({ importID: second.importID }).toArray()) {
    id.set((sc.scoreData.score as number) - 9_000_000, sc.scoreID as string);
  }
  t.equal(second.createdSessions.length, 3);
  t.same(second.createdSessions.slice(0, 2), [
    { sessionID: S1, type: 'Appended' },
    { sessionID: S2, type: 'Appended' },
  ]);
  t.equal(second.createdSessions[2].type, 'Created');
  const S3 = second.createdSessions[2].sessionID;
  t.not(S3, S1);
  t.not(S3, S2);

  t.strictSame(
    await sessionOf(stack, S1),
    {
      ...s1,
      scoreIDs: [0, 1, 2, 3, 4, 5, 6, 7, 11, 12].map((k) => id.get(k)),
      timeStarted: T0 - 60 * MINUTE,
      timeEnded: T0 + 70 * MINUTE,
      calculatedData: { ProfileVF6: PROFILE_VF6_OF_TEN },
    },
    'S1: old ++ new scoreIDs, widened start, calculatedData over all ten scores; name/desc/timeInserted kept',
  );
  t.strictSame(await sessionOf(stack, S2), {
    ...s2,
    scoreIDs: [8, 9, 13].map((k) => id.get(k)),
    timeStarted: s2Times[0],
    timeEnded: T0 + 260 * MINUTE,
    calculatedData: { ProfileVF6: null },
  });
  const s3 = await sessionOf(stack, S3);
  t.same(
    [s3?.scoreIDs, s3?.timeStarted, s3?.timeEnded, s3?.calculatedData, s3?.desc, s3?.highlight],
    [[id.get(14)], T0 + 2 * DAY, T0 + 2 * DAY, { ProfileVF6: null }, null, false],
  );

  // GET /api/v1/imports/:id returns the sessions it created AND the ones it appended to
  const detail = await stack.app.inject({ method: 'GET', url: `/api/v1/imports/${second.importID}` });
  t.equal(detail.statusCode, 200);
  const sessions = (detail.json().body.sessions as { sessionID: string }[]).map((x) => x.sessionID).sort();
  t.same(sessions, [S1, S2, S3].sort());
  const fromDB = await stack.db.sessions.find({ sessionID: { $in: [S1, S2, S3] } }, { projection: { _id: 0 } }).toArray();
  const byID = (list: { sessionID: string }[]) => [...list].sort((a, b) => a.sessionID.localeCompare(b.sessionID));
  t.same(byID(detail.json().body.sessions), byID(fromDB as never));
  t.same(
    (detail.json().body.scores as { scoreID: string }[]).map((x) => x.scoreID).sort(),
    [...second.scoreIDs].sort(),
    'the scores of this import only',
  );
  // the first import's detail lists its two sessions as they are now
  const firstDetail = await stack.app.inject({ method: 'GET', url: `/api/v1/imports/${first.importID}` });
  t.same((firstDetail.json().body.sessions as { sessionID: string }[]).map((x) => x.sessionID).sort(), [S1, S2].sort());
});

t.test('a group between two sessions, and a session spanning a later group', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  // one session from T0 to T0+100m (scores every 50 min)
  const first = await importOK(stack, token, sdvxFile([s(0, T0), s(1, T0 + 50 * MINUTE), s(2, T0 + 100 * MINUTE)]));
  const [S1] = first.createdSessions.map((c) => c.sessionID);
  // a score inside the session's span lands in it without changing its times
  const inside = await importOK(stack, token, sdvxFile([s(3, T0 + 25 * MINUTE)]));
  t.same(inside.createdSessions, [{ sessionID: S1, type: 'Appended' }]);
  const s1 = await sessionOf(stack, S1);
  t.same([s1?.timeStarted, s1?.timeEnded, s1?.scoreIDs.length], [T0, T0 + 100 * MINUTE, 4]);
  t.same(s1?.scoreIDs.slice(3), inside.scoreIDs, 'appended after the older scores, not sorted into them');
  // a later import's group joins a session whose start or end lies in [start − 2 h, end + 2 h)
  const justOver = await importOK(stack, token, sdvxFile([s(4, T0 + 100 * MINUTE + 2 * HOUR + 1)]));
  t.equal(justOver.createdSessions[0].type, 'Created', '2 h + 1 ms after the end: a new session');
  const before = await importOK(stack, token, sdvxFile([s(5, T0 - 2 * HOUR)]));
  t.equal(before.createdSessions[0].type, 'Created', "exactly 2 h before the start: the window's end is exclusive");
  t.equal(await stack.db.sessions.countDocuments({ userID }), 3);

  // exactly 2 h after a session's end is inside the window's (inclusive) start
  const bob = await stack.user('bob');
  const b1 = await importOK(stack, bob.token, sdvxFile([s(0, T0)]));
  const b2 = await importOK(stack, bob.token, sdvxFile([s(1, T0 + 2 * HOUR)]));
  t.same(b2.createdSessions, [{ sessionID: b1.createdSessions[0].sessionID, type: 'Appended' }]);
  const bs = await sessionOf(stack, b1.createdSessions[0].sessionID);
  t.same([bs?.timeStarted, bs?.timeEnded], [T0, T0 + 2 * HOUR]);
  // Within one import, exactly 2 h apart splits the scores into two groups (spec §3.9 step 3),
  // but groups are processed in order and the second one finds the session the first one just
  // created (same window rule, as in Tachi): one session, reported Created then Appended.
  const b3 = await importOK(stack, bob.token, sdvxFile([s(2, T0 + 10 * DAY), s(3, T0 + 10 * DAY + 2 * HOUR)]));
  const b3ID = b3.createdSessions[0]?.sessionID;
  t.same(b3.createdSessions, [
    { sessionID: b3ID, type: 'Created' },
    { sessionID: b3ID, type: 'Appended' },
  ]);
  const b3s = await sessionOf(stack, b3ID);
  t.same([b3s?.scoreIDs, b3s?.timeStarted, b3s?.timeEnded], [b3.scoreIDs, T0 + 10 * DAY, T0 + 10 * DAY + 2 * HOUR]);
  // 2 h + 1 ms apart: two sessions
  const b4 = await importOK(stack, bob.token, sdvxFile([s(4, T0 + 20 * DAY), s(5, T0 + 20 * DAY + 2 * HOUR + 1)]));
  t.same(b4.createdSessions.map((c) => c.type), ['Created', 'Created']);
  t.not(b4.createdSessions[0].sessionID, b4.createdSessions[1].sessionID);
});

t.test('CHUNITHM session naiveRating: mean of the 10 best ratings', async (t) => {
  const stack = await startStack(t);
  const { token } = await stack.user('alice');
  const [chart] = CHUNI.L14;
  // level 14.0: ≥ 1,009,000 → 1400 + 215 → 16.15; 1,000,000 → 1400 + 100 → 15
  const file = chuniFile([
    ...Array.from({ length: 10 }, (_, k) => chuniScore(chart, 1_009_000 + k, 'NONE', 'CLEAR', { timeAchieved: T0 + k * MINUTE })),
    chuniScore(chart, 1_000_000, 'NONE', 'CLEAR', { timeAchieved: T0 + 30 * MINUTE }),
  ]);
  const doc = await importOK(stack, token, file);
  t.equal(doc.createdSessions.length, 1);
  const session = await sessionOf(stack, doc.createdSessions[0].sessionID);
  t.equal(session?.scoreIDs.length, 11);
  t.same(session?.calculatedData, { naiveRating: Array(10).fill(16.15).reduce((a: number, b: number) => a + b, 0) / 10 });
  const nine = await importOK(
    stack,
    token,
    chuniFile(Array.from({ length: 9 }, (_, k) => chuniScore(chart, 1_008_000 + k, 'NONE', 'CLEAR', { timeAchieved: T0 + 5 * DAY + k }))),
  );
  t.same((await sessionOf(stack, nine.createdSessions[0].sessionID))?.calculatedData, { naiveRating: null }, 'null below 10 scores');
});

t.test('a score in the middle of a long session joins it (better than Tachi)', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  // one session T0 … T0+10h, scores 1 h 50 min apart
  const times = Array.from({ length: 6 }, (_, k) => T0 + k * 110 * MINUTE);
  const first = await importOK(stack, token, sdvxFile(times.map((time, k) => s(k, time))));
  t.same(first.createdSessions.map((c) => c.type), ['Created']);
  const S = first.createdSessions[0].sessionID;
  // T0+4h35m: neither the start (T0) nor the end (T0+9h10m) is within 2 h of it, yet it is inside
  const mid = await importOK(stack, token, sdvxFile([s(10, T0 + 275 * MINUTE)]));
  t.same(mid.createdSessions, [{ sessionID: S, type: 'Appended' }]);
  const session = await sessionOf(stack, S);
  t.same([session?.scoreIDs.length, session?.timeStarted, session?.timeEnded], [7, T0, T0 + 550 * MINUTE]);
  t.equal(await stack.db.sessions.countDocuments({ userID }), 1);
});
