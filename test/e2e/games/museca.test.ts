/**
 * examples/museca.json through the HTTP API and a real worker, against the bundled seeds: curator
 * skill and grades, versions (1.5-b), the PB, session and profile curatorSkill; then per-score
 * errors of a second import (a chart absent from 1.5, a validator).
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { ROOT, startStack } from '../../support/stack.ts';
import { T0, MINUTE, gameStatsOf, importOK, pbOf, sessionOf } from '../helpers.ts';
import { scoresByID, tachiScoreID } from './helpers.ts';

const example = JSON.parse(readFileSync(`${ROOT}/examples/museca.json`, 'utf8'));

/** song 1 "セツナトリップ" Red 13 */
const SETSUNA_RED = '4f3a7bf907f7be54a0c531dd9077e58fd7b6bb9c';

t.test('examples/museca.json', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  t.equal(userID, 1);

  const doc = await importOK(stack, token, example);
  t.same(doc.errors, []);
  t.same([doc.game, doc.playtypes, doc.gptStrings, doc.classDeltas], ['museca', ['Single'], ['museca:Single'], []]);
  t.equal(doc.scoreIDs.length, 6);
  t.equal(doc.scoreIDs[0], tachiScoreID(`{"chartID":"${SETSUNA_RED}","lamp":"CLEAR","score":970000,"userID":1}`));

  const scores = await scoresByID(stack, doc.scoreIDs);
  t.strictSame(
    { ...scores[0], timeAdded: 0 },
    {
      scoreID: doc.scoreIDs[0],
      userID: 1,
      game: 'museca',
      playtype: 'Single',
      chartID: SETSUNA_RED,
      songID: 1,
      isPrimary: true,
      service: 'museca-exporter (BATCH-MANUAL)',
      importType: 'file/batch-manual',
      comment: null,
      timeAchieved: T0,
      timeAdded: 0,
      highlight: false,
      scoreMeta: {},
      scoreData: {
        score: 970000,
        lamp: 'CLEAR',
        grade: '秀',
        judgements: { critical: 880, near: 40, miss: 5 },
        optional: { fast: 22, slow: 18, maxCombo: 410, enumIndexes: {} },
        enumIndexes: { lamp: 1, grade: 6 },
      },
      calculatedData: { curatorSkill: 1261 },
      importID: doc.importID,
    },
  );
  // curatorSkill = floor(level × score / 10,000)
  t.same(
    scores.map((s) => [s.songID, s.calculatedData.curatorSkill, s.scoreData.grade]),
    [
      [1, 1261, '秀'], // Red 13: 13 × 97
      [2, 1182, '傑'], // 天ノ弱 Red 12: 12 × 98.5
      [226, 1426, '秀'], // Everlasting Message Red 15 (1.5-b only): 15 × 95.0871
      [1, 1300, '傑G'], // 13 × 100
      [3, 958, '凡'], // いーあるふぁんくらぶ Red 12: 12 × 79.9
      [76, 1569, '傑'], // Redshift Red 16: 16 × 98.074
    ],
  );

  // the PERFECT CONNECT ALL is both the best score and the best lamp
  t.strictSame(await pbOf(stack, 1, SETSUNA_RED), {
    composedFrom: [{ name: 'Best Score', scoreID: doc.scoreIDs[3] }],
    chartID: SETSUNA_RED,
    userID: 1,
    songID: 1,
    highlight: false,
    timeAchieved: T0 + 12 * MINUTE,
    game: 'museca',
    playtype: 'Single',
    isPrimary: true,
    scoreData: {
      score: 1000000,
      lamp: 'PERFECT CONNECT ALL',
      grade: '傑G',
      judgements: { critical: 925, near: 0, miss: 0 },
      optional: { enumIndexes: {} },
      enumIndexes: { lamp: 3, grade: 8 },
    },
    calculatedData: { curatorSkill: 1300 },
    rankingData: { rank: 1, outOf: 1, rivalRank: null },
  });

  // six scores: the session's mean of the best 10 needs ten
  t.equal(doc.createdSessions.length, 1);
  t.same((await sessionOf(stack, doc.createdSessions[0].sessionID))?.calculatedData, { curatorSkill: null });
  // the profile: the best 20 PBs' curator skill summed (five PBs)
  t.same(await gameStatsOf(stack, 1, 'museca', 'Single'), {
    userID: 1,
    game: 'museca',
    playtype: 'Single',
    ratings: { curatorSkill: 1569 + 1426 + 1300 + 1182 + 958 },
    classes: {},
  });

  const second = await importOK(stack, token, {
    meta: { game: 'museca', playtype: 'Single', service: 'museca-exporter', version: '1.5' },
    scores: [
      { score: 990_000, lamp: 'CLEAR', matchType: 'inGameID', identifier: '226', difficulty: 'Red', timeAchieved: T0 + 30 * MINUTE },
      { score: 1_000_000, lamp: 'CONNECT ALL', matchType: 'inGameID', identifier: '2', difficulty: 'Red', timeAchieved: T0 + 31 * MINUTE },
      { score: 990_000, lamp: 'CLEAR', matchType: 'inGameID', identifier: '2', difficulty: 'Red', timeAchieved: T0 + 32 * MINUTE },
    ],
  });
  t.strictSame(second.errors, [
    { type: 'SongOrChartNotFound', message: 'Cannot find chart for inGameID 226 (Single).' },
    { type: 'InvalidDatapoint', message: 'Got 1 error when validating score:\nA perfect score of 1 million must have a lamp of PERFECT CONNECT ALL.' },
  ]);
  t.equal(second.scoreIDs.length, 1);
  // 天ノ弱: 990,000 CLEAR is the best score now (12 × 99 = 1188), the CONNECT ALL stays the best lamp
  const pb = await pbOf(stack, 1, '8c7a288a511fcbdb05457f277d5716bae3459645');
  t.same(
    [pb?.composedFrom, pb?.scoreData.lamp, pb?.calculatedData],
    [
      [
        { name: 'Best Score', scoreID: second.scoreIDs[0] },
        { name: 'Best Lamp', scoreID: doc.scoreIDs[1] },
      ],
      'CONNECT ALL',
      { curatorSkill: 1188 },
    ],
  );
  t.same((await gameStatsOf(stack, 1, 'museca', 'Single'))?.ratings, { curatorSkill: 1569 + 1426 + 1300 + 1188 + 958 });
});
