/**
 * examples/arcaea.json through the HTTP API and a real worker, against the bundled seeds: scoreIDs,
 * potential and grades, the PB with its merged lamp, the session's naivePotential, the profile's
 * naivePotential with its badge and the provided courseBanner; then a second import's errors.
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { ROOT, startStack } from '../../support/stack.ts';
import { T0, MINUTE, gameStatsOf, importOK, pbOf, sessionOf } from '../helpers.ts';
import { scoresByID, tachiScoreID } from './helpers.ts';

const example = JSON.parse(readFileSync(`${ROOT}/examples/arcaea.json`, 'utf8'));

const SHERIRUTH_FTR = '48de13e0be17a282eed6ef97e6e1478eb59bc55e';

t.test('examples/arcaea.json', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  t.equal(userID, 1);

  const doc = await importOK(stack, token, example);
  t.same(doc.errors, []);
  t.same([doc.game, doc.playtypes, doc.gptStrings], ['arcaea', ['Touch'], ['arcaea:Touch']]);
  t.equal(doc.scoreIDs.length, 10);
  t.equal(doc.scoreIDs[0], tachiScoreID(`{"chartID":"${SHERIRUTH_FTR}","lamp":"CLEAR","score":9979366,"userID":1}`));
  // provided sets first, then derived
  t.same(doc.classDeltas, [
    { game: 'arcaea', set: 'courseBanner', playtype: 'Touch', old: null, new: 'PHASE_9' },
    { game: 'arcaea', set: 'badge', playtype: 'Touch', old: null, new: 'BLUE' },
  ]);
  t.equal(doc.createdSessions.length, 1);
  t.equal(doc.createdSessions[0].type, 'Created');

  const scores = await scoresByID(stack, doc.scoreIDs);
  t.strictSame(
    { ...scores[0], timeAdded: 0 },
    {
      scoreID: doc.scoreIDs[0],
      userID: 1,
      game: 'arcaea',
      playtype: 'Touch',
      chartID: SHERIRUTH_FTR,
      songID: 19,
      isPrimary: true,
      service: 'arcaea-exporter (BATCH-MANUAL)',
      importType: 'file/batch-manual',
      comment: null,
      timeAchieved: T0,
      timeAdded: 0,
      highlight: false,
      scoreMeta: {},
      scoreData: {
        score: 9979366,
        lamp: 'CLEAR',
        grade: 'EX+',
        judgements: { pure: 1148, far: 1, lost: 2 },
        optional: { maxCombo: 702, enumIndexes: {} },
        enumIndexes: { lamp: 2, grade: 6 },
      },
      calculatedData: { potential: 11.99 },
      importID: doc.importID,
    },
  );
  // potential: round(level × 100) + 200 at 10M+, + 100 + floor((s − 9.8M) / 2000) at 9.8M+, else + floor((s − 9.5M) / 3000); floored at 0
  t.same(
    scores.map((s) => [s.calculatedData.potential, s.scoreData.grade]),
    [
      [11.99, 'EX+'], // Sheriruth FTR 10.1: 1010 + 100 + 89
      [13.18, 'EX+'], // Grievous Lady FTR 11.3: 1130 + 100 + 88
      [13.5, 'EX+'], // Tempestissimo BYD 11.5: 1150 + 200
      [11.35, 'EX'], // Sheriruth FTR: 1010 + 100 + 25
      [11.3, 'AA'], // Fracture Ray FTR 11.3: 1130 + 0
      [11.36, 'EX+'], // Lost Civilization BYD 9.8: 980 + 100 + 56
      [11.21, 'AA'], // Tempestissimo FTR 10.7: 1070 + 51
      [9.5, 'EX+'], // Rise FTR 7.5: 750 + 200
      [6, 'A'], // Sayonara Hatsukoi FTR 7: 700 − 100
      [6.53, 'C'], // Lost Civilization FTR 9.2: 920 − 267
    ],
  );
  t.equal(scores[9].comment, 'died at the end');

  // Sheriruth FTR: the best score (CLEAR) with the FULL RECALL of the later, lower score
  t.strictSame(await pbOf(stack, 1, SHERIRUTH_FTR), {
    composedFrom: [
      { name: 'Best Score', scoreID: doc.scoreIDs[0] },
      { name: 'Best Lamp', scoreID: doc.scoreIDs[3] },
    ],
    chartID: SHERIRUTH_FTR,
    userID: 1,
    songID: 19,
    highlight: false,
    timeAchieved: T0 + 9 * MINUTE,
    game: 'arcaea',
    playtype: 'Touch',
    isPrimary: true,
    scoreData: {
      score: 9979366,
      lamp: 'FULL RECALL',
      grade: 'EX+',
      judgements: { pure: 1148, far: 1, lost: 2 },
      optional: { maxCombo: 702, enumIndexes: {} },
      enumIndexes: { lamp: 4, grade: 6 },
    },
    calculatedData: { potential: 11.99 },
    rankingData: { rank: 1, outOf: 1, rivalRank: null },
  });
  t.equal(await stack.db.personalBests.countDocuments({ userID: 1, game: 'arcaea' }), 9);

  // the session: mean of the best 10 potentials (all ten here)
  const session = await sessionOf(stack, doc.createdSessions[0].sessionID);
  t.same([session?.scoreIDs, session?.timeStarted, session?.timeEnded, session?.game, session?.playtype], [doc.scoreIDs, T0, T0 + 27 * MINUTE, 'arcaea', 'Touch']);
  t.same(session?.calculatedData, { naivePotential: (13.5 + 13.18 + 11.99 + 11.36 + 11.35 + 11.3 + 11.21 + 9.5 + 6.53 + 6) / 10 });

  // the profile: the 9 PBs' potentials summed / 30 = 3.15… → BLUE (below 3.5)
  t.same(await gameStatsOf(stack, 1, 'arcaea', 'Touch'), {
    userID: 1,
    game: 'arcaea',
    playtype: 'Touch',
    ratings: { naivePotential: (13.5 + 13.18 + 11.99 + 11.36 + 11.3 + 11.21 + 9.5 + 6.53 + 6) / 30 },
    classes: { courseBanner: 'PHASE_9', badge: 'BLUE' },
  });

  // a second import: a lower banner is not a downgrade; an invalid score and an unknown chart are per-score errors
  const second = await importOK(stack, token, {
    meta: { game: 'arcaea', playtype: 'Touch', service: 'arcaea-exporter' },
    classes: { courseBanner: 'PHASE_8' },
    scores: [
      { score: 9_999_999, lamp: 'PURE MEMORY', matchType: 'inGameStrID', identifier: 'sheriruth', difficulty: 'Future', timeAchieved: T0 + 60 * MINUTE },
      { score: 10_001_152, lamp: 'PURE MEMORY', matchType: 'inGameStrID', identifier: 'sheriruth', difficulty: 'Future', timeAchieved: T0 + 61 * MINUTE },
      { score: 9_000_000, lamp: 'CLEAR', matchType: 'inGameStrID', identifier: 'notasong', difficulty: 'Future', timeAchieved: T0 + 62 * MINUTE },
      { score: 9_000_000, lamp: 'CLEAR', matchType: 'inGameID', identifier: '19', difficulty: 'Future', timeAchieved: T0 + 63 * MINUTE },
    ],
  });
  t.same(second.scoreIDs, []);
  t.same(second.classDeltas, []);
  t.strictSame(second.errors, [
    { type: 'InvalidDatapoint', message: 'Got 1 error when validating score:\nPURE MEMORY scores must have a score larger than 10 million. Got 9999999 instead.' },
    { type: 'InvalidDatapoint', message: 'Got 1 error when validating score:\nInvalid value for score, Score cannot exceed 10001151 for this chart. Got 10001152.' },
    { type: 'SongOrChartNotFound', message: 'Cannot find chart for inGameStrID notasong (Touch).' },
    { type: 'InvalidDatapoint', message: 'Cannot use matchType inGameID for Arcaea. Expected any of inGameStrID, songTitle, tachiSongID.' },
  ]);
  t.same((await gameStatsOf(stack, 1, 'arcaea', 'Touch'))?.classes, { courseBanner: 'PHASE_9', badge: 'BLUE' });
});
