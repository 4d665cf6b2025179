/**
 * GITADORA end to end: examples/gitadora.json (Dora) through the HTTP API and a real worker
 * against the bundled seeds (Tachi 593adb271), then a Gita file on the same song, which stays in
 * its own playtype (charts, PBs, sessions, game stats). Expected values worked out by hand:
 * skill = floor(percent × level × 20) / 100; naiveSkill = the best 50 primary skills summed.
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { ROOT, startStack } from '../../support/stack.ts';
import { MINUTE, gameStatsOf, importOK, pbOf, sessionOf } from '../helpers.ts';
import { scoresByID, tachiScoreID } from './helpers.ts';

const example = JSON.parse(readFileSync(`${ROOT}/examples/gitadora.json`, 'utf8'));
const T = 1709290800000; // the example's first timestamp (2024-03-01T11:00:00Z)

/** bundled charts (seeds at Tachi 593adb271) */
const DREAM_DORA_MAS = 'fece21a6ac05eb5324e5e8866e74936cf9d303f7'; // "DAY DREAM" (song 305) Dora MASTER 9.98
const DREAM_DORA_EXT = 'a0cc3ff27caebd7e11d69bede286d2a6f6b24fd0'; // Dora EXTREME 9.25
const DREAM_GITA_MAS = 'b640256a2324a72abbf9e3573a94589d212bfc79'; // Gita MASTER 9.97
const HAPPY_DORA_EXT = '52e6103cdbca55392a85976e2c8f95d3751bc682'; // "Happy man" (song 5) Dora EXTREME 7.15
const THINK_DORA_ADV = 'bf62dd6c78afaf6b4f95cce70b5b08af193c0c57'; // "I think about you" (song 0) Dora ADVANCED 4.75

const idOf = (userID: number, chartID: string, lamp: string, percent: number) =>
  tachiScoreID(`{"chartID":"${chartID}","lamp":"${lamp}","percent":${percent},"userID":${userID}}`);

t.test('examples/gitadora.json (Dora), then Gita kept apart', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('drummer');

  const ids = [
    idOf(userID, DREAM_DORA_MAS, 'CLEAR', 95.5),
    idOf(userID, HAPPY_DORA_EXT, 'FULL COMBO', 88.12),
    idOf(userID, THINK_DORA_ADV, 'CLEAR', 76.57),
    idOf(userID, DREAM_DORA_MAS, 'FULL COMBO', 80),
    idOf(userID, DREAM_DORA_EXT, 'EXCELLENT', 100),
  ];
  const doc = await importOK(stack, token, example);
  t.same(doc.errors, []);
  t.same(doc.scoreIDs, ids);
  t.same(doc.playtypes, ['Dora']);
  t.same(doc.gptStrings, ['gitadora:Dora']);
  t.same(doc.classDeltas, [{ game: 'gitadora', set: 'colour', playtype: 'Dora', old: null, new: 'WHITE' }]);

  const stored = await scoresByID(stack, ids);
  const expected: [string, Record<string, number>, number][] = [
    ['SS', { lamp: 1, grade: 4 }, 190.61], // 95.5 × 9.98 × 20 = 19,061.8
    ['S', { lamp: 2, grade: 3 }, 126.01], // 88.12 × 7.15 × 20 = 12,601.16
    ['A', { lamp: 1, grade: 2 }, 72.74], // 76.57 × 4.75 × 20 = 7,274.15 (Tachi's gitadora.test)
    ['S', { lamp: 2, grade: 3 }, 159.68], // 80 × 9.98 × 20 = 15,968
    ['MAX', { lamp: 3, grade: 5 }, 185], // 100 × 9.25 × 20 = 18,500
  ];
  expected.forEach(([grade, enumIndexes, skill], i) => {
    t.equal(stored[i].scoreData.grade, grade, `score ${i} grade`);
    t.same(stored[i].scoreData.enumIndexes, enumIndexes);
    t.same(stored[i].calculatedData, { skill });
    t.equal(stored[i].playtype, 'Dora');
  });
  t.same(stored[0].scoreData.judgements, { perfect: 980, great: 61, good: 12, ok: 4, miss: 9 });
  t.same(stored[1].songID, 5, 'found by title');

  t.strictSame(await pbOf(stack, userID, DREAM_DORA_MAS), {
    composedFrom: [{ name: 'Best Percent', scoreID: ids[0] }, { name: 'Best Lamp', scoreID: ids[3] }],
    chartID: DREAM_DORA_MAS,
    userID,
    songID: 305,
    highlight: false,
    timeAchieved: T + 15 * MINUTE,
    game: 'gitadora',
    playtype: 'Dora',
    isPrimary: true,
    scoreData: {
      percent: 95.5,
      lamp: 'FULL COMBO',
      grade: 'SS',
      judgements: { perfect: 980, great: 61, good: 12, ok: 4, miss: 9 },
      optional: { maxCombo: 512, fast: 30, slow: 47, enumIndexes: {} },
      enumIndexes: { lamp: 2, grade: 4 },
    },
    calculatedData: { skill: 190.61 },
    rankingData: { rank: 1, outOf: 1, rivalRank: null },
  });

  const session = await sessionOf(stack, doc.createdSessions[0].sessionID);
  t.match(session, { game: 'gitadora', playtype: 'Dora', scoreIDs: ids, timeStarted: T, timeEnded: T + 20 * MINUTE, calculatedData: { skill: null } });

  // four PBs: 190.61 + 185 + 126.01 + 72.74 = 574.36 → WHITE (< 1000)
  const doraStats = {
    userID,
    game: 'gitadora',
    playtype: 'Dora',
    ratings: { naiveSkill: 0 + 190.61 + 185 + 126.01 + 72.74 },
    classes: { colour: 'WHITE' },
  };
  t.same(await gameStatsOf(stack, userID, 'gitadora', 'Dora'), doraStats);
  t.equal(await gameStatsOf(stack, userID, 'gitadora', 'Gita'), null);

  // the same song's MASTER on guitar: the Gita chart, its own PB, session and profile
  const gita = await importOK(stack, token, {
    meta: { game: 'gitadora', playtype: 'Gita', service: 'gitadora-exporter' },
    scores: [
      { percent: 95.5, lamp: 'CLEAR', matchType: 'inGameID', identifier: '305', difficulty: 'MASTER', timeAchieved: T + 25 * MINUTE },
      { percent: 90, lamp: 'CLEAR', matchType: 'inGameID', identifier: '305', difficulty: 'BASS MASTER', timeAchieved: T + 30 * MINUTE },
    ],
  });
  t.same(gita.errors, []);
  t.same(gita.scoreIDs[0], idOf(userID, DREAM_GITA_MAS, 'CLEAR', 95.5), 'a different chart, so a different scoreID');
  t.same(gita.gptStrings, ['gitadora:Gita']);
  t.same(gita.createdSessions.map((s) => s.type), ['Created'], 'a Gita session, although the Dora one is within two hours');
  t.same(gita.classDeltas, [{ game: 'gitadora', set: 'colour', playtype: 'Gita', old: null, new: 'WHITE' }]);
  const gitaPB = await pbOf(stack, userID, DREAM_GITA_MAS);
  t.same([gitaPB?.playtype, gitaPB?.calculatedData], ['Gita', { skill: 190.42 }]); // 95.5 × 9.97 × 20 = 19,042.7
  // 95.5 × 9.97 × 20 = 19,042.7 → 190.42; 90 × 9.61 × 20 = 17,298 → 172.98
  t.same(await gameStatsOf(stack, userID, 'gitadora', 'Gita'), {
    userID,
    game: 'gitadora',
    playtype: 'Gita',
    ratings: { naiveSkill: 0 + 190.42 + 172.98 },
    classes: { colour: 'WHITE' },
  });
  t.same(await gameStatsOf(stack, userID, 'gitadora', 'Dora'), doraStats, 'Dora is untouched');
  t.same((await pbOf(stack, userID, DREAM_DORA_MAS))?.composedFrom, [{ name: 'Best Percent', scoreID: ids[0] }, { name: 'Best Lamp', scoreID: ids[3] }]);
  t.equal(await stack.db.sessions.countDocuments({ userID, game: 'gitadora' }), 2);
});
