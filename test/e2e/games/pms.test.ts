/**
 * examples/pms.json (Controller) through the HTTP API and a real worker, after loading the PMS
 * fixture seeds as `cli seed --from` would (Tachi's PMS charts are not bundled): two scores matched
 * by bmsChartHash (MD5 and SHA-256; Tachi never finds PMS charts that way) and one by tachiSongID,
 * percent, grade and sieglinde, PBs, the session and profile sieglinde and the provided dan; then a
 * Keyboard file: the Keyboard charts of the same songs, with PBs, session and game stats of their own.
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { ROOT, startStack } from '../../support/stack.ts';
import { T0, MINUTE, gameStatsOf, importOK, pbOf, sessionOf } from '../helpers.ts';
import { scoresByID, seedFixture, tachiScoreID } from './helpers.ts';

const example = JSON.parse(readFileSync(`${ROOT}/examples/pms.json`, 'utf8'));

// fixture charts; both playtypes of a song share its hashes
const ANNIHILATE = { controller: '0446f1b54e90d631ff9fe98419ebaea9481fab1f', keyboard: 'ca553d77cbf8b3e9e7709dad6123ffed1695a1dd' }; // 1065 notes, sgl 46/46
const BANG = { controller: 'd1ad06400ed90f0698c4503c0afa5c46e69e6367', keyboard: '66a24af69ecb826efed2c0c1ee2e319ccbe46ffd' }; // 812 notes, 15.1/15.6
const COLORBAR_CONTROLLER = '6abfc10c026c1924018cae15268aee9f540861d6'; // 1290 notes, sglEC 17.2, no sglHC; no Keyboard chart

t.test('examples/pms.json (Controller), then a Keyboard file', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  t.equal(userID, 1);
  await seedFixture(stack, 'pms');

  const doc = await importOK(stack, token, example);
  t.same(doc.errors, [], 'both bmsChartHash scores found their PMS charts');
  t.same([doc.game, doc.playtypes, doc.gptStrings], ['pms', ['Controller'], ['pms:Controller']]);
  t.same(doc.classDeltas, [{ game: 'pms', set: 'dan', playtype: 'Controller', old: null, new: 'INSANE_3' }]);
  t.equal(doc.scoreIDs[0], tachiScoreID(`{"chartID":"${ANNIHILATE.controller}","lamp":"CLEAR","score":1800,"userID":1}`));

  const scores = await scoresByID(stack, doc.scoreIDs);
  t.strictSame(
    { ...scores[0], timeAdded: 0 },
    {
      scoreID: doc.scoreIDs[0],
      userID: 1,
      game: 'pms',
      playtype: 'Controller',
      chartID: ANNIHILATE.controller,
      songID: 1,
      isPrimary: true,
      service: 'Example Script (BATCH-MANUAL)',
      importType: 'file/batch-manual',
      comment: null,
      timeAchieved: T0,
      timeAdded: 0,
      highlight: false,
      scoreMeta: { random: 'MIRROR', client: 'beatoraja', gauge: 'NORMAL' },
      scoreData: {
        score: 1800,
        lamp: 'CLEAR',
        judgements: { cool: 800, great: 200, good: 30, bad: 10, poor: 25 },
        optional: { bp: 35, gauge: 84, enumIndexes: {} },
        grade: 'AA',
        percent: (100 * 1800) / 2130, // 84.5%
        enumIndexes: { lamp: 4, grade: 6 },
      },
      calculatedData: { sieglinde: 46 },
      importID: doc.importID,
    },
  );
  t.same(
    scores.map((s) => [s.chartID, s.scoreData.percent, s.scoreData.grade, s.calculatedData]),
    [
      [ANNIHILATE.controller, (100 * 1800) / 2130, 'AA', { sieglinde: 46 }], // MD5
      [BANG.controller, (100 * 1500) / 1624, 'AAA', { sieglinde: 15.6 }], // SHA-256, HARD CLEAR → sglHC
      [COLORBAR_CONTROLLER, (100 * 2000) / 2580, 'A', { sieglinde: 17.2 }], // tachiSongID; 77.5%, just under AA
    ],
  );
  t.same((await pbOf(stack, 1, BANG.controller))?.composedFrom, [{ name: 'Best Score', scoreID: doc.scoreIDs[1] }]);
  t.same((await sessionOf(stack, doc.createdSessions[0].sessionID))?.calculatedData, { sieglinde: null });
  t.same(await gameStatsOf(stack, 1, 'pms', 'Controller'), {
    userID: 1,
    game: 'pms',
    playtype: 'Controller',
    ratings: { sieglinde: (46 + 17.2 + 15.6) / 20 },
    classes: { dan: 'INSANE_3' },
  });

  const keyboard = await importOK(stack, token, {
    meta: { game: 'pms', playtype: 'Keyboard', service: 'Example Script' },
    scores: [
      { score: 1700, lamp: 'HARD CLEAR', matchType: 'tachiSongID', identifier: '1', difficulty: 'CHART', timeAchieved: T0 + 10 * MINUTE },
      { score: 1400, lamp: 'EASY CLEAR', matchType: 'tachiSongID', identifier: '2', difficulty: 'CHART', timeAchieved: T0 + 12 * MINUTE, optional: { bp: 9 } },
      { score: 1500, lamp: 'FAILED', matchType: 'tachiSongID', identifier: '2', difficulty: 'CHART', timeAchieved: T0 + 14 * MINUTE, optional: { bp: 30 } },
      { score: 2000, lamp: 'CLEAR', matchType: 'tachiSongID', identifier: '3', difficulty: 'CHART', timeAchieved: T0 + 16 * MINUTE },
    ],
    classes: { dan: 'INSANE_1' },
  });
  t.same([keyboard.playtypes, keyboard.gptStrings], [['Keyboard'], ['pms:Keyboard']]);
  t.same(keyboard.errors, [{ type: 'SongOrChartNotFound', message: 'Cannot find chart for colorbar (Keyboard CHART)' }]);
  t.same(keyboard.classDeltas, [{ game: 'pms', set: 'dan', playtype: 'Keyboard', old: null, new: 'INSANE_1' }]);
  const kb = await scoresByID(stack, keyboard.scoreIDs);
  t.same(kb.map((s) => [s.chartID, s.playtype, s.calculatedData.sieglinde]), [
    [ANNIHILATE.keyboard, 'Keyboard', 46],
    [BANG.keyboard, 'Keyboard', 15.1],
    [BANG.keyboard, 'Keyboard', 0],
  ]);
  // Bang Bang Keyboard: best score the 1500 fail, best lamp and lowest BP the 1400 EASY CLEAR
  const bangKB = await pbOf(stack, 1, BANG.keyboard);
  t.same([bangKB?.composedFrom, bangKB?.scoreData.score, bangKB?.scoreData.lamp, bangKB?.scoreData.optional.bp, bangKB?.calculatedData], [
    [
      { name: 'Best Score', scoreID: keyboard.scoreIDs[2] },
      { name: 'Best Lamp', scoreID: keyboard.scoreIDs[1] },
    ],
    1500,
    'EASY CLEAR',
    9,
    { sieglinde: 15.1 },
  ]);
  t.same((await pbOf(stack, 1, BANG.controller))?.scoreData.score, 1500, 'the Controller PB of the same song is its own');
  t.not(keyboard.createdSessions[0].sessionID, doc.createdSessions[0].sessionID);
  t.same(await gameStatsOf(stack, 1, 'pms', 'Keyboard'), {
    userID: 1,
    game: 'pms',
    playtype: 'Keyboard',
    ratings: { sieglinde: (46 + 15.1) / 20 },
    classes: { dan: 'INSANE_1' },
  });
  t.same((await gameStatsOf(stack, 1, 'pms', 'Controller'))?.classes, { dan: 'INSANE_3' });
});
