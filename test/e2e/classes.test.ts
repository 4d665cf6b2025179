/**
 * Profile ratings, derived and provided classes, class deltas (spec §3.11, §5) across imports,
 * and score ratings / grades on real charts against the spec's examples (§5.1, §5.2).
 */
import t from 'tap';
import { startStack } from '../support/stack.ts';
import { CHUNI, SDVX, chuniFile, chuniScore, gameStatsOf, importOK, scoresOf, sdvxFile, sdvxScore } from './helpers.ts';

const puc = (c: { inGameID: number; difficulty: string }) => sdvxScore(c, 10_000_000, 'PERFECT ULTIMATE CHAIN');
const delta = (set: string, old: string | null, next: string, game = 'sdvx') => ({ game, set, playtype: 'Single', old, new: next });

t.test('SDVX: profile VF6, vfClass and dan across imports', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');

  // five level-20 PUCs: 5 × 0.462 = 2.31 → SIENNA_I
  const one = await importOK(stack, token, sdvxFile(SDVX.L20.slice(0, 5).map(puc)));
  t.same(one.classDeltas, [delta('vfClass', null, 'SIENNA_I')]);
  t.same(await gameStatsOf(stack, userID, 'sdvx'), {
    userID,
    game: 'sdvx',
    playtype: 'Single',
    ratings: { VF6: 0.462 + 0.462 + 0.462 + 0.462 + 0.462 },
    classes: { vfClass: 'SIENNA_I' },
  });

  // a sixth: 2.772 ≥ 2.5 → SIENNA_II
  const two = await importOK(stack, token, sdvxFile([puc(SDVX.L20[5])]));
  t.same(two.classDeltas, [delta('vfClass', 'SIENNA_I', 'SIENNA_II')]);
  t.same((await gameStatsOf(stack, userID, 'sdvx'))?.ratings, { VF6: 0.462 + 0.462 + 0.462 + 0.462 + 0.462 + 0.462 });

  // a worse score on one of those charts changes nothing: no delta for an unchanged class
  const three = await importOK(stack, token, sdvxFile([sdvxScore(SDVX.L20[5], 9_000_000, 'CLEAR')]));
  t.same(three.classDeltas, []);

  // a provided dan: delta for the new set only
  const four = await importOK(stack, token, sdvxFile([sdvxScore(SDVX.L20[5], 9_100_000, 'CLEAR')], { classes: { dan: 'DAN_5' } }));
  t.same(four.classDeltas, [delta('dan', null, 'DAN_5')]);
  t.same((await gameStatsOf(stack, userID, 'sdvx'))?.classes, { vfClass: 'SIENNA_II', dan: 'DAN_5' });

  // a lower dan is not a downgrade of a provided class: no delta, DAN_5 stays
  const five = await importOK(stack, token, sdvxFile([], { classes: { dan: 'DAN_3' } }));
  t.same(five.classDeltas, []);
  t.equal((await gameStatsOf(stack, userID, 'sdvx'))?.classes.dan, 'DAN_5');

  // a higher one is an improvement
  const six = await importOK(stack, token, sdvxFile([], { classes: { dan: 'INF' } }));
  t.same(six.classDeltas, [delta('dan', 'DAN_5', 'INF')]);
  t.same(six.scoreIDs, []);
  t.same(six.playtypes, [], 'playtypes only lists playtypes with new scores');

  // classes: null / a null set are no classes at all
  const seven = await importOK(stack, token, sdvxFile([sdvxScore(SDVX.L20[6], 9_000_000, 'CLEAR')], { classes: { dan: null } }));
  t.same(seven.classDeltas, []);
  const eight = await importOK(stack, token, sdvxFile([], { classes: null }));
  t.same(eight.classDeltas, []);
  t.same((await gameStatsOf(stack, userID, 'sdvx'))?.classes, { vfClass: 'SIENNA_II', dan: 'INF' });
  // level 20, 9,000,000 CLEAR: 40 × 0.9 × 91 × 100 = 327600 → 0.327
  t.same((await gameStatsOf(stack, userID, 'sdvx'))?.ratings, { VF6: 0.462 + 0.462 + 0.462 + 0.462 + 0.462 + 0.462 + 0.327 });
});

t.test('SDVX: a provided dan with no scores at all still makes a profile that keeps it', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  const doc = await importOK(stack, token, sdvxFile([], { classes: { dan: 'DAN_11' } }));
  t.same(doc.classDeltas, [delta('dan', null, 'DAN_11')]);
  const stats = await gameStatsOf(stack, userID, 'sdvx');
  t.same(stats?.classes.dan, 'DAN_11');
  t.same(stats?.ratings, { VF6: null });
  t.notOk(stats?.classes.vfClass, 'no PBs, no derived class');
});

t.test('CHUNITHM: naiveRating always divides by 50; colour; provided dan and emblem', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');

  const one = await importOK(stack, token, chuniFile([chuniScore(CHUNI.BBKK_BASIC, 900_000, 'NONE', 'CLEAR')]));
  t.same(one.classDeltas, [delta('colour', null, 'BLUE', 'chunithm')]);

  // six level-14.0 charts at 1,009,000 (16.15) + the 0 above: floor(6 × 1615 / 50) / 100 = 1.93 → still BLUE
  const two = await importOK(stack, token, chuniFile(CHUNI.L14.map((c) => chuniScore(c, 1_009_000, 'ALL JUSTICE', 'CLEAR'))));
  t.same(two.classDeltas, []);
  t.same((await gameStatsOf(stack, userID, 'chunithm'))?.ratings, { naiveRating: 1.93 });

  // + 1,005,000 on a 12.5 (14.00): floor(11090 / 50) / 100 = 2.21 → GREEN; with provided classes
  const three = await importOK(
    stack,
    token,
    chuniFile([chuniScore(CHUNI.BBKK_MASTER, 1_005_000, 'NONE', 'CLEAR')], { classes: { dan: 'DAN_II', emblem: 'DAN_I' } }),
  );
  t.same(three.classDeltas, [
    delta('dan', null, 'DAN_II', 'chunithm'),
    delta('emblem', null, 'DAN_I', 'chunithm'),
    delta('colour', 'BLUE', 'GREEN', 'chunithm'),
  ]);
  t.same(await gameStatsOf(stack, userID, 'chunithm'), {
    userID,
    game: 'chunithm',
    playtype: 'Single',
    ratings: { naiveRating: 2.21 },
    classes: { colour: 'GREEN', dan: 'DAN_II', emblem: 'DAN_I' },
  });
});

t.test('score ratings and grades on real charts (spec examples)', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');

  const sdvx = await importOK(
    stack,
    token,
    sdvxFile([
      // level 18 (Broken 8cmix HVN), 9,923,042 MAXXIVE CLEAR → 0.39, grade S
      sdvxScore({ inGameID: 2, difficulty: 'HVN' }, 9_923_042, 'MAXXIVE CLEAR'),
      // level 17 (ALBIDA INF), 9,876,543 ULTIMATE CHAIN → 0.359, grade AAA+
      sdvxScore(SDVX.ALBIDA_INF, 9_876_543, 'ULTIMATE CHAIN'),
      // level 19 (inGameID 73 INF), 9,500,000 FAILED → 0.175 and CLEAR → 0.35, grade AA+
      sdvxScore({ inGameID: 73, difficulty: 'INF' }, 9_500_000, 'FAILED'),
      sdvxScore({ inGameID: 73, difficulty: 'INF' }, 9_500_000, 'CLEAR'),
      // level 10: 9,500,000 EXCESSIVE CLEAR → 0.187; 9,900,000 CLEAR → 0.207; 10M PUC → 0.231
      sdvxScore(SDVX.ALBIDA_ADV, 9_500_000, 'EXCESSIVE CLEAR'),
      sdvxScore(SDVX.BROKEN_ADV, 9_900_000, 'CLEAR'),
      sdvxScore(SDVX.HIMAWARI_EXH, 10_000_000, 'PERFECT ULTIMATE CHAIN'),
      // grade boundaries
      sdvxScore(SDVX.ALBIDA_NOV, 8_700_000, 'CLEAR'),
      sdvxScore(SDVX.ALBIDA_NOV, 6_999_999, 'FAILED'),
      sdvxScore(SDVX.ALBIDA_NOV, 10_000_000, 'CLEAR'),
    ]),
  );
  t.same(sdvx.errors, []);
  const byID = new Map((await scoresOf(stack, { userID, game: 'sdvx' })).map((s) => [s.scoreID, s]));
  t.same(
    sdvx.scoreIDs.map((id) => [byID.get(id)!.calculatedData.VF6, byID.get(id)!.scoreData.grade]),
    [
      [0.39, 'S'],
      [0.359, 'AAA+'],
      [0.175, 'AA+'],
      [0.35, 'AA+'],
      [0.187, 'AA+'],
      [0.207, 'S'],
      [0.231, 'PUC'],
      // level 5: 10 × 0.87 × 88 × 100 = 76560 → 0.076
      [0.076, 'A'],
      // 10 × 0.6999999 × 80 × 50 = 27999.996 → 0.027
      [0.027, 'D'],
      // a 10M CLEAR is accepted and graded PUC; VF6 10 × 1 × 105 × 100 = 105000 → 0.105
      [0.105, 'PUC'],
    ],
  );

  const chuni = await importOK(
    stack,
    token,
    chuniFile([
      // the float quirk: 8.2 × 100 = 819.999…, so 975,000 → 8.19; same for 8.7 → 8.69
      chuniScore({ inGameID: 17, difficulty: 'EXPERT' }, 975_000, 'NONE', 'CLEAR'),
      chuniScore({ inGameID: 87, difficulty: 'EXPERT' }, 975_000, 'NONE', 'CLEAR'),
      // (1,004,321, 13.9) → 15.33
      chuniScore({ inGameID: 219, difficulty: 'EXPERT' }, 1_004_321, 'NONE', 'CLEAR'),
      // (975,000, 13.7) → 13.7
      chuniScore({ inGameID: 3, difficulty: 'ULTIMA' }, 975_000, 'NONE', 'CLEAR'),
      // 12.5: (1,010,000) → 14.65, (1,008,000) → 14.55, (950,000) → 10.83, (810,000) → 4.12, (600,000) → 1.25, (499,999) → 0
      chuniScore(CHUNI.BBKK_MASTER, 1_010_000, 'ALL JUSTICE CRITICAL', 'CLEAR'),
      chuniScore(CHUNI.BBKK_MASTER, 1_008_000, 'NONE', 'CLEAR'),
      chuniScore(CHUNI.BBKK_MASTER, 950_000, 'NONE', 'CLEAR'),
      chuniScore(CHUNI.BBKK_MASTER, 810_000, 'NONE', 'CLEAR'),
      chuniScore(CHUNI.BBKK_MASTER, 600_000, 'NONE', 'FAILED'),
      chuniScore(CHUNI.BBKK_MASTER, 499_999, 'NONE', 'FAILED'),
      // 1,009,000 on 12.5 → 14.65 (SSS+); 1,007,500 → 14.5 (SSS)
      chuniScore(CHUNI.BBKK_MASTER, 1_009_000, 'NONE', 'CLEAR'),
      chuniScore(CHUNI.BBKK_MASTER, 1_007_500, 'NONE', 'CLEAR'),
    ]),
  );
  t.same(chuni.errors, []);
  const chuniByID = new Map((await scoresOf(stack, { userID, game: 'chunithm' })).map((s) => [s.scoreID, s]));
  t.same(
    chuni.scoreIDs.map((id) => [chuniByID.get(id)!.calculatedData.rating, chuniByID.get(id)!.scoreData.grade]),
    [
      [8.19, 'S'],
      [8.69, 'S'],
      [15.33, 'SS'],
      [13.7, 'S'],
      [14.65, 'SSS+'],
      [14.55, 'SSS'],
      [10.83, 'AAA'],
      [4.12, 'BBB'],
      [1.25, 'B'],
      [0, 'D'],
      [14.65, 'SSS+'],
      [14.5, 'SSS'],
    ],
  );
});
