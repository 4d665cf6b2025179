/**
 * Duplicate scores (spec §3.5 step 3, better than Tachi: counted in skippedDuplicates): the same
 * score twice in one file, already stored, re-submitted with another timestamp; what is and is not
 * part of the scoreID.
 */
import t from 'tap';
import { startStack } from '../support/stack.ts';
import {
  CHUNI,
  HOUR,
  SDVX,
  T0,
  chuniFile,
  chuniScore,
  dbState,
  importOK,
  scoresOf,
  sdvxFile,
  sdvxScore,
  storedScoreIDsOf,
} from './helpers.ts';

t.test('the same score twice in one file is one score', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  const score = sdvxScore(SDVX.ALBIDA_ADV, 9_000_000, 'CLEAR', { timeAchieved: T0 });
  const doc = await importOK(stack, token, sdvxFile([score, score]));
  t.equal(doc.scoreIDs.length, 1);
  t.same(doc.errors, []);
  t.equal(doc.skippedDuplicates, 1);
  t.equal(await stack.db.scores.countDocuments({ userID }), 1);
  t.same(await storedScoreIDsOf(stack, doc.importID), doc.scoreIDs);
  // one session holding it once
  const sessions = await stack.db.sessions.find({ userID }).toArray();
  t.equal(sessions.length, 1);
  t.same(sessions[0].scoreIDs, doc.scoreIDs);
});

t.test('timeAchieved, judgements, comment and non-ID optionals are not part of the scoreID', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  const base = sdvxScore(SDVX.ALBIDA_ADV, 9_000_000, 'CLEAR', { timeAchieved: T0 });
  const doc = await importOK(
    stack,
    token,
    sdvxFile([
      base,
      { ...base, timeAchieved: T0 + HOUR },
      { ...base, judgements: { critical: 1000, near: 20, miss: 5 } },
      { ...base, comment: 'a comment' },
      { ...base, optional: { fast: 10, slow: 3, maxCombo: 500, gauge: 55.5 } },
      { ...base, optional: { exScore: null } },
    ]),
  );
  t.equal(doc.scoreIDs.length, 1, 'all six are the same score (exScore null ≡ absent)');
  t.equal(doc.skippedDuplicates, 5);
  const [stored] = await scoresOf(stack, { userID });
  t.equal(stored.timeAchieved, T0, 'the first one in the file is kept');
  t.same(stored.scoreData.judgements, {});
});

t.test('provided metrics and SDVX exScore are part of the scoreID', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  const base = sdvxScore(SDVX.ALBIDA_ADV, 9_000_000, 'CLEAR');
  const doc = await importOK(
    stack,
    token,
    sdvxFile([
      base,
      { ...base, score: 9_000_001 },
      { ...base, lamp: 'EXCESSIVE CLEAR' },
      { ...base, optional: { exScore: 1 } },
      { ...base, optional: { exScore: 100 } },
      sdvxScore(SDVX.ALBIDA_EXH, 9_000_000, 'CLEAR'),
    ]),
  );
  t.equal(doc.scoreIDs.length, 6);
  t.equal(new Set(doc.scoreIDs).size, 6);
  t.equal(doc.skippedDuplicates, 0);
  t.equal(await stack.db.scores.countDocuments({ userID }), 6);
  // the spec's canary for exScore 1234 is for userID 1
  t.equal(userID, 1);
  const withEx = await importOK(stack, token, sdvxFile([{ ...base, optional: { exScore: 1234 } }]));
  t.same(withEx.scoreIDs, ['T49440af5c2354891ce8a630c2a84141a5b05b300a1d92180959ebc9a8357a493']);
});

t.test('CHUNITHM: judgements are not part of the scoreID, both lamps are', async (t) => {
  const stack = await startStack(t);
  const { token } = await stack.user('alice');
  const base = chuniScore(CHUNI.BBKK_MASTER, 1_000_000, 'NONE', 'CLEAR');
  const doc = await importOK(
    stack,
    token,
    chuniFile([
      base,
      { ...base, judgements: { jcrit: 1000, justice: 20, attack: 1, miss: 0 } },
      { ...base, noteLamp: 'FULL COMBO' },
      { ...base, clearLamp: 'HARD' },
    ]),
  );
  t.equal(doc.scoreIDs.length, 3);
  t.equal(doc.skippedDuplicates, 1);
});

t.test('re-importing a file where only some scores are new', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  const a = sdvxScore(SDVX.ALBIDA_ADV, 9_000_000, 'CLEAR', { timeAchieved: T0 });
  const b = sdvxScore(SDVX.ALBIDA_EXH, 9_100_000, 'CLEAR', { timeAchieved: T0 + HOUR });
  const first = await importOK(stack, token, sdvxFile([a, b]));
  t.equal(first.scoreIDs.length, 2);

  const c = sdvxScore(SDVX.BROKEN_ADV, 9_200_000, 'CLEAR', { timeAchieved: T0 + 2 * HOUR });
  const again = await importOK(stack, token, sdvxFile([a, c, { ...b, timeAchieved: T0 + 5 * HOUR }]));
  t.equal(again.scoreIDs.length, 1);
  t.equal(again.skippedDuplicates, 2);
  t.same(again.errors, []);
  t.same(again.playtypes, ['Single']);
  const [cScore] = await scoresOf(stack, { scoreID: again.scoreIDs[0] });
  t.equal(cScore.chartID, SDVX.BROKEN_ADV.chartID);
  t.same(await storedScoreIDsOf(stack, first.importID), [...first.scoreIDs].sort());
  t.same(await storedScoreIDsOf(stack, again.importID), again.scoreIDs);
  t.equal(await stack.db.scores.countDocuments({ userID }), 3);
  // the skipped b (re-sent 5 h later) did not start a session of its own
  t.same(again.createdSessions.map((s) => s.type), ['Appended']);
  t.equal(await stack.db.sessions.countDocuments({ userID }), 1);

  // a third time: nothing new, nothing changes but the ImportDocument
  const state = await dbState(stack);
  const third = await importOK(stack, token, sdvxFile([a, b, c]));
  t.same([third.scoreIDs, third.playtypes, third.createdSessions, third.classDeltas, third.skippedDuplicates], [[], [], [], [], 3]);
  const after = await dbState(stack);
  t.same({ ...after, imports: undefined }, { ...state, imports: undefined });
});

t.test('the same score from two users is two scores', async (t) => {
  const stack = await startStack(t);
  const alice = await stack.user('alice');
  const bob = await stack.user('bob');
  const file = sdvxFile([sdvxScore(SDVX.ALBIDA_ADV, 9_000_000, 'CLEAR')]);
  const a = await importOK(stack, alice.token, file);
  const b = await importOK(stack, bob.token, file);
  t.equal(a.scoreIDs.length, 1);
  t.equal(b.scoreIDs.length, 1);
  t.not(a.scoreIDs[0], b.scoreIDs[0]);
  t.equal(b.skippedDuplicates, 0);
});
