/**
 * GITADORA rules (Gita and Dora) against the bundled seeds of Tachi commit 593adb271: grade,
 * skill (rg-stats GITADORASkill, vectors from Tachi's gitadora.test and rg-stats'
 * gitadora-skill.test.ts), session skill, profile naiveSkill, colour, metric bounds, match types
 * (inGameID, songTitle, tachiSongID) per playtype with its own difficulties, scoreIDs, Best Lamp.
 */
import t from 'tap';
import { GITADORASkill } from 'rg-stats';
import type { ScoreData } from '../../src/documents.ts';
import { gitadora } from '../../src/games/gitadora/index.ts';
import { parseBatchManual } from '../../src/import-types/batch-manual/index.ts';
import { buildPB, profileRatings, sessionRatings } from '../../src/rules.ts';
import { failure, harness, oneError, tachiScoreID } from './helpers.ts';

const h = harness(gitadora);
const gita = h.definitionOf('Gita');
const dora = h.definitionOf('Dora');

/** song 0 "I think about you": Dora ADVANCED 4.75 (Tachi's TestingGitadoraChart), Gita EXTREME 3.7 */
const THINK_DORA_ADV = h.chart('bf62dd6c78afaf6b4f95cce70b5b08af193c0c57');
const THINK_GITA_EXT = h.chart('e7d3511e2498a18093c8da931799adf7a88f8659');
/** song 305 "DAY DREAM" (inGameID 305) */
const DREAM_DORA_MAS = h.chart('fece21a6ac05eb5324e5e8866e74936cf9d303f7'); // 9.98
const DREAM_GITA_MAS = h.chart('b640256a2324a72abbf9e3573a94589d212bfc79'); // 9.97
const DREAM_BASS_MAS = h.chart('b9b972fb231f9f84f01ebe88877f4d19fa4e19a0'); // 9.61
const DREAM_GITA_EXT = h.chart('8ea4418d39e96c2f117e17694f57dd971472bc41'); // 8.9
const DREAM_DORA_EXT = h.chart('a0cc3ff27caebd7e11d69bede286d2a6f6b24fd0'); // 9.25

const score = (percent: number, lamp: string, extra: Record<string, unknown> = {}) => ({ percent, lamp, ...extra });

t.test('the bundled charts are what these tests assume (Tachi 593adb271)', async (t) => {
  t.same([THINK_DORA_ADV.playtype, THINK_DORA_ADV.difficulty, THINK_DORA_ADV.levelNum, THINK_DORA_ADV.versions], ['Dora', 'ADVANCED', 4.75, ['konaste']]);
  t.same([DREAM_BASS_MAS.playtype, DREAM_BASS_MAS.difficulty, DREAM_BASS_MAS.levelNum, DREAM_BASS_MAS.data.inGameID], ['Gita', 'BASS MASTER', 9.61, 305]);
  t.same([DREAM_DORA_MAS.playtype, DREAM_DORA_MAS.levelNum, h.songOf(DREAM_DORA_MAS).title], ['Dora', 9.98, 'DAY DREAM']);
  t.equal(h.charts.charts.length, 14164);
  t.equal(h.charts.songs.length, 1353);
  t.ok(h.charts.charts.every((c) => c.isPrimary && c.versions.length === 1 && c.versions[0] === 'konaste'));
});

t.test('two playtypes, each with its own difficulties', async (t) => {
  t.same(gitadora.playtypes, ['Gita', 'Dora']);
  t.same(gita.config.difficulties, {
    type: 'FIXED',
    order: ['BASIC', 'ADVANCED', 'EXTREME', 'MASTER', 'BASS BASIC', 'BASS ADVANCED', 'BASS EXTREME', 'BASS MASTER'],
    default: 'EXTREME',
  });
  t.same(dora.config.difficulties, { type: 'FIXED', order: ['BASIC', 'ADVANCED', 'EXTREME', 'MASTER'], default: 'EXTREME' });
  t.equal(gita.rules, dora.rules, 'one implementation for both');
});

t.test('grade deriver: Tachi\'s vectors', async (t) => {
  const cases: [number, string][] = [
    [0, 'C'], [62, 'C'], [63, 'B'], [73, 'A'], [80, 'S'], [94, 'S'], [95, 'SS'], [100, 'MAX'],
    [62.99, 'C'], [72.99, 'B'], [79.99, 'A'], [94.99, 'S'], [99.99, 'SS'],
  ];
  for (const [percent, grade] of cases) {
    t.equal(gita.rules.derivers.grade({ percent, lamp: 'CLEAR', judgements: {}, optional: {} }, THINK_GITA_EXT), grade, `${percent}% → ${grade}`);
  }
});

t.test('skill: rg-stats GITADORASkill on percent and level', async (t) => {
  const skill = (percent: number, levelNum: number) => gita.rules.scoreRatings.skill({ percent } as unknown as ScoreData, { ...THINK_DORA_ADV, levelNum });
  t.equal(skill(76.57, 4.75), 72.74, 'Tachi\'s gitadora.test: 76.57% on TestingGitadoraChart (4.75)');
  // rg-stats gitadora-skill.test.ts vectors
  t.equal(skill(89.48, 3.4), 60.84);
  t.equal(skill(70.76, 5.8), 82.08);
  t.equal(skill(40.2, 9.5), 76.38);
  t.equal(skill(97.8, 1), 19.56, 'not 19.55 (rg-stats floors the integer, not a float)');

  // worked by hand: floor(percent × level × 20) / 100
  // 95.5% on DAY DREAM Dora MASTER (9.98): 95.5 × 9.98 × 20 = 19,061.8 → 190.61
  t.same(h.hydrate(DREAM_DORA_MAS, score(95.5, 'CLEAR')).calculatedData, { skill: 190.61 });
  // 100% on DAY DREAM BASS MASTER (9.61): 19,220 → 192.2
  t.same(h.hydrate(DREAM_BASS_MAS, score(100, 'EXCELLENT')).calculatedData, { skill: 192.2 });
  t.equal(GITADORASkill.calculate(95.5, 9.98), 190.61, 'the same number straight from rg-stats');
});

t.test('a hydrated score has Tachi\'s shape', async (t) => {
  const s = h.hydrate(DREAM_GITA_EXT, score(88.12, 'FULL COMBO', { judgements: { perfect: 500, great: 80, good: 10, ok: 2, miss: 0 }, optional: { maxCombo: 592 } }));
  t.same(s.scoreData, {
    percent: 88.12,
    lamp: 'FULL COMBO',
    grade: 'S',
    judgements: { perfect: 500, great: 80, good: 10, ok: 2, miss: 0 },
    optional: { maxCombo: 592, enumIndexes: {} },
    enumIndexes: { lamp: 2, grade: 3 },
  });
  // 88.12 × 8.9 × 20 = 15,685.36 → 156.85
  t.same(s.calculatedData, { skill: 156.85 });
  t.equal(s.playtype, 'Gita');
});

t.test('session skill: mean of the best 10, null with fewer than 10', async (t) => {
  const scores = [190, 180, 170, 160, 150, 140, 130, 120, 110, 100, 1, 2].map((skill) => ({ calculatedData: { skill } }));
  t.same(sessionRatings(dora, scores), { skill: (190 + 180 + 170 + 160 + 150 + 140 + 130 + 120 + 110 + 100) / 10 });
  t.same(sessionRatings(dora, scores.slice(0, 9)), { skill: null });
});

t.test('profile naiveSkill: the best 50 primary skills summed; colour from it', async (t) => {
  const pbs = [...Array.from({ length: 50 }, () => h.pbWith({ skill: 170 })), h.pbWith({ skill: 1 }), h.pbWith({ skill: 999 }, { isPrimary: false })];
  const ratings = profileRatings(gita, pbs, h.charts);
  t.same(ratings, { naiveSkill: 8500 });
  t.equal(gita.rules.classDerivers.colour(ratings), 'RAINBOW');
  t.same(profileRatings(dora, [h.pbWith({ skill: 190.61 }), h.pbWith({ skill: 72.74 }), h.pbWith({ skill: null })], h.charts), { naiveSkill: 190.61 + 72.74 });
  t.same(profileRatings(dora, [], h.charts), { naiveSkill: null });
});

t.test('colour deriver: Tachi\'s vectors', async (t) => {
  const cases: [number | null, string | null][] = [
    [null, null], [1, 'WHITE'], [999, 'WHITE'], [1000, 'ORANGE'], [2000, 'YELLOW'], [3000, 'GREEN'], [4000, 'BLUE'], [5000, 'PURPLE'],
    [6000, 'RED'], [1500, 'ORANGE_GRD'], [2500, 'YELLOW_GRD'], [3500, 'GREEN_GRD'], [4500, 'BLUE_GRD'], [5500, 'PURPLE_GRD'],
    [6500, 'RED_GRD'], [7000, 'BRONZE'], [7500, 'SILVER'], [8000, 'GOLD'], [8500, 'RAINBOW'], [9999, 'RAINBOW'],
  ];
  for (const [naiveSkill, colour] of cases) t.equal(dora.rules.classDerivers.colour({ naiveSkill }), colour, `${naiveSkill} → ${colour}`);
});

t.test('metric bounds (GITADORA has no cross-metric validators)', async (t) => {
  failure(t, () => h.hydrate(THINK_GITA_EXT, score(100.01, 'EXCELLENT')), 'InvalidDatapoint', oneError('Invalid value for percent, Expected a number between 0 and 100. Got 100.01.'));
  failure(t, () => h.hydrate(THINK_GITA_EXT, score(90, 'CLEAR', { optional: { fast: 1.5 } })), 'InvalidDatapoint',
    'Got 2 errors when validating score:\nInvalid value for fast, got 1.5, but expected an integer.\nInvalid value for fast, Expected a positive integer. Got 1.5.');
  failure(t, () => h.hydrate(THINK_GITA_EXT, score(90, 'HARD CLEAR')), 'InvalidDatapoint',
    oneError('Invalid value for lamp, got HARD CLEAR, but expected any of FAILED, CLEAR, FULL COMBO, EXCELLENT.'));
  t.equal(h.hydrate(THINK_GITA_EXT, score(10, 'EXCELLENT')).scoreData.grade, 'C', 'Tachi ties no lamp to the percent');
});

t.test('BATCH-MANUAL: playtypes Gita and Dora', async (t) => {
  const file = (playtype: string, s: Record<string, unknown>) => ({ meta: { game: 'gitadora', playtype, service: 'gitadora-tests' }, scores: [{ matchType: 'inGameID', identifier: '305', ...s }] });
  t.same(parseBatchManual(file('Dora', { percent: 95.5, lamp: 'CLEAR', difficulty: 'MASTER' })).context, { service: 'gitadora-tests', game: 'gitadora', playtype: 'Dora', version: null });
  t.throws(() => parseBatchManual(file('Bass', { percent: 95.5, lamp: 'CLEAR', difficulty: 'MASTER' })), { message: "Invalid playtype 'Bass' - expected any of Gita, Dora." });
  t.throws(() => parseBatchManual(file('Gita', { percent: 100.5, lamp: 'CLEAR', difficulty: 'MASTER' })), {
    message: 'Invalid BATCH-MANUAL: scores[0].percent | Expected a number between 0 and 100. | Received 100.5 [type: number].',
  });
});

t.test('match types, playtypes kept apart', async (t) => {
  const bm = (playtype: string, s: Record<string, unknown>, version: string | null = null) =>
    h.fromBatch({ percent: 90, lamp: 'CLEAR', ...s }, { playtype, version });

  t.test('inGameID: the same ID and difficulty name give each playtype its own chart', async (t) => {
    t.equal(bm('Dora', { matchType: 'inGameID', identifier: '305', difficulty: 'MASTER' }).chart.chartID, DREAM_DORA_MAS.chartID);
    t.equal(bm('Gita', { matchType: 'inGameID', identifier: '305', difficulty: 'MASTER' }).chart.chartID, DREAM_GITA_MAS.chartID);
    t.equal(bm('Gita', { matchType: 'inGameID', identifier: '305', difficulty: 'BASS MASTER' }).chart.chartID, DREAM_BASS_MAS.chartID);
    t.equal(bm('Dora', { matchType: 'inGameID', identifier: '0', difficulty: 'ADVANCED' }, 'konaste').chart.chartID, THINK_DORA_ADV.chartID);
    failure(t, () => bm('Dora', { matchType: 'inGameID', identifier: '305', difficulty: 'BASS MASTER' }), 'InvalidDatapoint',
      'Invalid Difficulty for gitadora Dora - Expected any of BASIC, ADVANCED, EXTREME, MASTER (Got BASS MASTER)');
    failure(t, () => bm('Gita', { matchType: 'inGameID', identifier: '0', difficulty: 'MASTER' }), 'SongOrChartNotFound', 'Cannot find chart for inGameID 0 (Gita).');
    failure(t, () => bm('Dora', { matchType: 'inGameID', identifier: '305', difficulty: 'MASTER' }, 'matixx'), 'SongOrChartNotFound', 'Cannot find chart for inGameID 305 (Dora).');
  });

  t.test('songTitle (+ artist), case-insensitive', async (t) => {
    t.equal(bm('Dora', { matchType: 'songTitle', identifier: 'day dream', difficulty: 'EXTREME' }).chart.chartID, DREAM_DORA_EXT.chartID);
    t.equal(bm('Gita', { matchType: 'songTitle', identifier: 'DAY DREAM', artist: 'mutsuhiko izumi', difficulty: 'EXTREME' }).chart.chartID, DREAM_GITA_EXT.chartID);
    failure(t, () => bm('Gita', { matchType: 'songTitle', identifier: 'DAY DREAM', artist: 'NAOKI', difficulty: 'EXTREME' }), 'SongOrChartNotFound', 'Cannot find song with title DAY DREAM.');
    failure(t, () => bm('Gita', { matchType: 'songTitle', identifier: 'I think about you', difficulty: 'BASS MASTER' }), 'SongOrChartNotFound',
      'Cannot find chart for I think about you (Gita BASS MASTER)');
    failure(t, () => bm('Dora', { matchType: 'songTitle', identifier: 'Happy man' }), 'InvalidDatapoint', "Missing 'difficulty' field, but was necessary for this lookup.");
  });

  t.test('tachiSongID', async (t) => {
    t.equal(bm('Gita', { matchType: 'tachiSongID', identifier: '0', difficulty: 'EXTREME' }).chart.chartID, THINK_GITA_EXT.chartID);
    failure(t, () => bm('Gita', { matchType: 'tachiSongID', identifier: '-1', difficulty: 'EXTREME' }), 'InvalidDatapoint',
      'Invalid songID - must be a stringified positive integer. (Was negative -- -1.)');
    failure(t, () => bm('Dora', { matchType: 'tachiSongID', identifier: '77777', difficulty: 'EXTREME' }), 'SongOrChartNotFound', 'Cannot find song with songID 77777.');
  });

  t.test('unsupported match types', async (t) => {
    failure(t, () => bm('Gita', { matchType: 'popnChartHash', identifier: 'x' }), 'InvalidDatapoint',
      'Cannot use matchType popnChartHash for GITADORA (Gita). Expected any of inGameID, songTitle, tachiSongID.');
    failure(t, () => bm('Dora', { matchType: 'ddrSongHash', identifier: 'x', difficulty: 'MASTER' }), 'InvalidDatapoint',
      'Cannot use matchType ddrSongHash for GITADORA (Dora). Expected any of inGameID, songTitle, tachiSongID.');
  });
});

t.test('scoreID: exactly the provided metrics (percent, lamp); the chart keeps playtypes apart', async (t) => {
  const dora305 = h.fromBatch({ percent: 95.5, lamp: 'CLEAR', matchType: 'inGameID', identifier: '305', difficulty: 'MASTER' }, { playtype: 'Dora' });
  t.equal(dora305.scoreID, tachiScoreID(`{"chartID":"${DREAM_DORA_MAS.chartID}","lamp":"CLEAR","percent":95.5,"userID":1}`));
  const gita305 = h.fromBatch({ percent: 95.5, lamp: 'CLEAR', matchType: 'inGameID', identifier: '305', difficulty: 'MASTER' }, { playtype: 'Gita' });
  t.equal(gita305.scoreID, tachiScoreID(`{"chartID":"${DREAM_GITA_MAS.chartID}","lamp":"CLEAR","percent":95.5,"userID":1}`));
  t.equal(gita305.score.playtype, 'Gita');
  t.equal(dora305.score.playtype, 'Dora');
  const same = h.fromBatch(
    { percent: 95.5, lamp: 'CLEAR', matchType: 'songTitle', identifier: 'DAY DREAM', difficulty: 'MASTER', timeAchieved: 1_700_000_000_000, optional: { maxCombo: 700 } },
    { playtype: 'Dora' },
  );
  t.equal(same.scoreID, dora305.scoreID);
});

t.test('PB: Best Percent base, Best Lamp merged', async (t) => {
  const base = h.hydrate(DREAM_DORA_MAS, score(95.5, 'CLEAR'), { scoreID: 'T-base', timeAchieved: 1000 });
  const lamp = h.hydrate(DREAM_DORA_MAS, score(80, 'FULL COMBO'), { scoreID: 'T-lamp', timeAchieved: 2000 });
  const pb = buildPB(dora, DREAM_DORA_MAS, [lamp, base]);
  t.same(pb?.composedFrom, [{ name: 'Best Percent', scoreID: 'T-base' }, { name: 'Best Lamp', scoreID: 'T-lamp' }]);
  t.same(pb?.scoreData, { percent: 95.5, lamp: 'FULL COMBO', grade: 'SS', judgements: {}, optional: { enumIndexes: {} }, enumIndexes: { lamp: 2, grade: 4 } });
  t.same(pb?.calculatedData, { skill: 190.61 });
  t.equal(pb?.timeAchieved, 2000);
});
