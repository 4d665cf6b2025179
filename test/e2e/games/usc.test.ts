/**
 * examples/usc.json (Controller) through the HTTP API and a real worker, after loading the USC
 * fixture seeds as `cli seed --from` would (Tachi's USC charts are not bundled): VF6 and grades,
 * scoreMeta, the PB with its merged lamp, session and profile VF6 with vfClass; then a Keyboard
 * import of the same hash: its own chart, PB, session and game stats (playtypes kept apart).
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { ROOT, startStack } from '../../support/stack.ts';
import { T0, MINUTE, gameStatsOf, importOK, pbOf, sessionOf } from '../helpers.ts';
import { scoresByID, seedFixture, tachiScoreID } from './helpers.ts';

const example = JSON.parse(readFileSync(`${ROOT}/examples/usc.json`, 'utf8'));

const E59_EXH = { hash: '1df0e460a49017d96cf4c3bcc4fe9271dd60729a', controller: '1ba3ffa6e44321029845701d8656f6105bbaeb76', keyboard: '4118844610cad6e35a44725319048eb2b1a5a8b9' };
const ABSURD_ADV_HASH = '44f01d08dc4e604bce6821d0ffe7f133d102d5fd';
const ABSURD_EXH_KEYBOARD = 'd24e848371077a64c82dfa049fac639e102ad5b5';

t.test('examples/usc.json (Controller), then Keyboard', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  t.equal(userID, 1);
  await seedFixture(stack, 'usc');

  const doc = await importOK(stack, token, example);
  t.same(doc.errors, []);
  t.same([doc.game, doc.playtypes, doc.gptStrings], ['usc', ['Controller'], ['usc:Controller']]);
  t.same(doc.classDeltas, [{ game: 'usc', set: 'vfClass', playtype: 'Controller', old: null, new: 'SIENNA_I' }]);
  t.equal(doc.scoreIDs.length, 6);
  t.equal(doc.scoreIDs[0], tachiScoreID(`{"chartID":"${E59_EXH.controller}","lamp":"EXCESSIVE CLEAR","score":9700000,"userID":1}`));

  const scores = await scoresByID(stack, doc.scoreIDs);
  t.strictSame(
    { ...scores[0], timeAdded: 0 },
    {
      scoreID: doc.scoreIDs[0],
      userID: 1,
      game: 'usc',
      playtype: 'Controller',
      chartID: E59_EXH.controller,
      songID: 1,
      isPrimary: true,
      service: 'USC-IR (BATCH-MANUAL)',
      importType: 'file/batch-manual',
      comment: null,
      timeAchieved: T0,
      timeAdded: 0,
      highlight: false,
      scoreMeta: { noteMod: 'NORMAL', gaugeMod: 'HARD' },
      scoreData: {
        score: 9700000,
        lamp: 'EXCESSIVE CLEAR',
        grade: 'AAA',
        judgements: { critical: 1480, near: 52, miss: 4 },
        optional: { gauge: 72.5, fast: 30, slow: 22, maxCombo: 800, enumIndexes: {} },
        enumIndexes: { lamp: 2, grade: 7 },
      },
      calculatedData: { VF6: 0.277 },
      importID: doc.importID,
    },
  );
  // VF6 = floor(level × 2 × score/10M × grade coefficient × lamp coefficient / 1000) / 1000
  t.same(
    scores.map((s) => [s.chartID, s.calculatedData.VF6, s.scoreData.grade, s.scoreMeta]),
    [
      [E59_EXH.controller, 0.277, 'AAA', { noteMod: 'NORMAL', gaugeMod: 'HARD' }], // 14: 28 × 0.97 × 100 × 102 = 277032
      ['3333c36b3edb1ad8b7377da30e6f01653120e6f0', 0.359, 'AAA+', { noteMod: 'MIRROR', gaugeMod: 'NORMAL' }], // 17: 34 × 0.9876543 × 102 × 105
      ['d428b75d628f140893392ce9633579e5d66f9680', 0.415, 'PUC', {}], // 18 (second hash of the chart): 36 × 105 × 110
      ['f1d60b567f60eac5daf2a5a7545e6b24b68ade21', 0.294, 'AA+', {}], // 16 by tachiSongID: 32 × 0.95 × 97 × 100 = 294880
      ['6d382e1b61968cbe95d268b5fe90e48679a3f027', 0.081, 'B', { gaugeMod: 'PERMISSIVE' }], // 12: 24 × 0.8 × 85 × 50
      [E59_EXH.controller, 0.273, 'AAA', { noteMod: 'RANDOM' }], // 14: 28 × 0.975 × 100 × 100
    ],
  );

  // .59 EXH: the best score (9,750,000 CLEAR) with the EXCESSIVE CLEAR of the first; VF6 on the merge: 28 × 0.975 × 100 × 102 = 278460
  const pb = await pbOf(stack, 1, E59_EXH.controller);
  t.same(
    [pb?.composedFrom, pb?.scoreData.score, pb?.scoreData.lamp, pb?.scoreData.grade, pb?.calculatedData, pb?.playtype, pb?.rankingData],
    [
      [
        { name: 'Best Score', scoreID: doc.scoreIDs[5] },
        { name: 'Best Lamp', scoreID: doc.scoreIDs[0] },
      ],
      9_750_000,
      'EXCESSIVE CLEAR',
      'AAA',
      { VF6: 0.278 },
      'Controller',
      { rank: 1, outOf: 1, rivalRank: null },
    ],
  );

  // six scores: ProfileVF6 needs ten
  const controllerSession = doc.createdSessions[0].sessionID;
  t.same((await sessionOf(stack, controllerSession))?.calculatedData, { ProfileVF6: null });
  t.same(await gameStatsOf(stack, 1, 'usc', 'Controller'), {
    userID: 1,
    game: 'usc',
    playtype: 'Controller',
    ratings: { VF6: 0.415 + 0.359 + 0.294 + 0.278 + 0.081 },
    classes: { vfClass: 'SIENNA_I' },
  });

  // Keyboard, within the Controller session's two hours: the Keyboard charts, a session and stats of their own
  const keyboard = await importOK(stack, token, {
    meta: { game: 'usc', playtype: 'Keyboard', service: 'USC-IR' },
    scores: [
      { score: 9_900_000, lamp: 'CLEAR', matchType: 'uscChartHash', identifier: E59_EXH.hash, timeAchieved: T0 + 20 * MINUTE, scoreMeta: { noteMod: 'MIR-RAN' } },
      { score: 9_000_000, lamp: 'CLEAR', matchType: 'uscChartHash', identifier: ABSURD_ADV_HASH, timeAchieved: T0 + 21 * MINUTE },
      { score: 9_000_000, lamp: 'CLEAR', matchType: 'tachiSongID', identifier: '3', difficulty: 'EXH', timeAchieved: T0 + 22 * MINUTE },
    ],
  });
  t.same([keyboard.playtypes, keyboard.gptStrings], [['Keyboard'], ['usc:Keyboard']]);
  // the ADV chart exists for Controller only
  t.same(keyboard.errors, [{ type: 'SongOrChartNotFound', message: `Cannot find chart with hash ${ABSURD_ADV_HASH}.` }]);
  t.same(keyboard.classDeltas, [{ game: 'usc', set: 'vfClass', playtype: 'Keyboard', old: null, new: 'SIENNA_I' }]);
  t.equal(keyboard.createdSessions.length, 1);
  t.equal(keyboard.createdSessions[0].type, 'Created');
  t.not(keyboard.createdSessions[0].sessionID, controllerSession);
  const kbScores = await scoresByID(stack, keyboard.scoreIDs);
  // 14, 9,900,000 (S) CLEAR: 28 × 0.99 × 105 × 100 = 291060; 17, 9,000,000 (A+) CLEAR: 34 × 0.9 × 91 × 100 = 278460
  t.same(
    kbScores.map((s) => [s.chartID, s.playtype, s.calculatedData.VF6]),
    [
      [E59_EXH.keyboard, 'Keyboard', 0.291],
      [ABSURD_EXH_KEYBOARD, 'Keyboard', 0.278],
    ],
  );
  t.same((await pbOf(stack, 1, E59_EXH.keyboard))?.composedFrom, [{ name: 'Best Score', scoreID: keyboard.scoreIDs[0] }]);
  t.equal((await pbOf(stack, 1, E59_EXH.controller))?.scoreData.score, 9_750_000, 'the Controller PB is untouched');
  t.same(await gameStatsOf(stack, 1, 'usc', 'Keyboard'), {
    userID: 1,
    game: 'usc',
    playtype: 'Keyboard',
    ratings: { VF6: 0.291 + 0.278 },
    classes: { vfClass: 'SIENNA_I' },
  });
  t.same((await gameStatsOf(stack, 1, 'usc', 'Controller'))?.ratings, { VF6: 0.415 + 0.359 + 0.294 + 0.278 + 0.081 });
  t.same((await sessionOf(stack, controllerSession))?.scoreIDs, doc.scoreIDs, 'the Controller session has no Keyboard score');
});
