/**
 * Personal bests across imports (spec §3.10): best score + the games' merges, composedFrom,
 * calculatedData recomputed from the merged data, and chart rankings across users.
 *
 * VF6 by hand (spec §5.1, level × 2 × score/10M × gradeCoef × lampCoef, floor to 3 places):
 *   ALBIDA ADV (level 10), 9,500,000 (AA+, 97) CLEAR (100):          20 × 0.95 × 97 × 100 = 184300 → 0.184
 *   ALBIDA ADV, 8,000,000 (B, 85) ULTIMATE CHAIN (105):               20 × 0.8 × 85 × 105  = 142800 → 0.142
 *   ALBIDA ADV, 9,500,000 with the merged ULTIMATE CHAIN:             20 × 0.95 × 97 × 105 = 193515 → 0.193
 * CHUNITHM rating (spec §5.2), B.B.K.K.B.K.K. MASTER (12.5, base 1250):
 *   1,005,000 → 1250 + 150 = 1400 → 14;  990,000 → 1250 + 15000×2/500 = 1310 → 13.1;  950,000 → 10.83
 */
import t from 'tap';
import { startStack } from '../support/stack.ts';
import { uploadFile, waitForImport } from '../support/http.ts';
import { CHUNI, DAY, HOUR, SDVX, T0, chuniFile, chuniScore, gameStatsOf, importOK, pbOf, revert, sdvxFile, sdvxScore } from './helpers.ts';

const ADV = SDVX.ALBIDA_ADV;

t.test('SDVX: Best Score, Best Lamp and Best EX Score come together across imports', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');

  // 1: a high score with CLEAR
  const one = await importOK(stack, token, sdvxFile([sdvxScore(ADV, 9_500_000, 'CLEAR', { timeAchieved: T0 })]));
  const A = one.scoreIDs[0];
  t.strictSame(await pbOf(stack, userID, ADV.chartID), {
    composedFrom: [{ name: 'Best Score', scoreID: A }],
    chartID: ADV.chartID,
    userID,
    songID: 1,
    highlight: false,
    timeAchieved: T0,
    game: 'sdvx',
    playtype: 'Single',
    isPrimary: true,
    scoreData: {
      score: 9_500_000,
      lamp: 'CLEAR',
      grade: 'AA+',
      judgements: {},
      optional: { enumIndexes: {} },
      enumIndexes: { lamp: 1, grade: 6 },
    },
    calculatedData: { VF6: 0.184 },
    rankingData: { rank: 1, outOf: 1, rivalRank: null },
  });
  t.same((await gameStatsOf(stack, userID, 'sdvx'))?.ratings, { VF6: 0.184 });

  // 2: a lower score with ULTIMATE CHAIN and an EX score
  const two = await importOK(
    stack,
    token,
    sdvxFile([
      sdvxScore(ADV, 8_000_000, 'ULTIMATE CHAIN', {
        timeAchieved: T0 + DAY,
        optional: { exScore: 1500 },
        judgements: { critical: 1200, near: 30, miss: 0 },
      }),
    ]),
  );
  const B = two.scoreIDs[0];
  const [bScore] = await stack.db.scores.find({ scoreID: B }).toArray();
  t.same(bScore.calculatedData, { VF6: 0.142 });
  t.same(bScore.scoreData.grade, 'B');
  t.strictSame(await pbOf(stack, userID, ADV.chartID), {
    // B gave both the lamp and the EX score: one composedFrom entry per score
    composedFrom: [
      { name: 'Best Score', scoreID: A },
      { name: 'Best Lamp', scoreID: B },
    ],
    chartID: ADV.chartID,
    userID,
    songID: 1,
    highlight: false,
    timeAchieved: T0 + DAY,
    game: 'sdvx',
    playtype: 'Single',
    isPrimary: true,
    scoreData: {
      score: 9_500_000,
      lamp: 'ULTIMATE CHAIN',
      grade: 'AA+',
      judgements: {},
      optional: { enumIndexes: {}, exScore: 1500 },
      enumIndexes: { lamp: 4, grade: 6 },
    },
    calculatedData: { VF6: 0.193 },
    rankingData: { rank: 1, outOf: 1, rivalRank: null },
  });
  t.same((await gameStatsOf(stack, userID, 'sdvx'))?.ratings, { VF6: 0.193 }, 'profile VF6 from the merged PB');
  t.same(two.classDeltas, [], 'vfClass unchanged (SIENNA_I): no delta');

  // 3: a still lower, failed score with the best EX score
  const three = await importOK(
    stack,
    token,
    sdvxFile([sdvxScore(ADV, 7_500_000, 'FAILED', { timeAchieved: T0 + 2 * DAY, optional: { exScore: 1600 } })]),
  );
  const C = three.scoreIDs[0];
  const pb3 = await pbOf(stack, userID, ADV.chartID);
  t.strictSame(pb3?.composedFrom, [
    { name: 'Best Score', scoreID: A },
    { name: 'Best Lamp', scoreID: B },
    { name: 'Best EX Score', scoreID: C },
  ]);
  t.same(pb3?.scoreData, {
    score: 9_500_000,
    lamp: 'ULTIMATE CHAIN',
    grade: 'AA+',
    judgements: {},
    optional: { enumIndexes: {}, exScore: 1600 },
    enumIndexes: { lamp: 4, grade: 6 },
  });
  t.same(pb3?.calculatedData, { VF6: 0.193 });
  t.equal(pb3?.timeAchieved, T0 + 2 * DAY, 'the latest time of the scores it is composed from');

  // 4: an older score with the same lamp wins the Best Lamp tie (oldest timeAchieved first)
  const four = await importOK(stack, token, sdvxFile([sdvxScore(ADV, 9_400_000, 'ULTIMATE CHAIN', { timeAchieved: T0 - DAY })]));
  const D = four.scoreIDs[0];
  const pb4 = await pbOf(stack, userID, ADV.chartID);
  t.strictSame(pb4?.composedFrom, [
    { name: 'Best Score', scoreID: A },
    { name: 'Best Lamp', scoreID: D },
    { name: 'Best EX Score', scoreID: C },
  ]);
  t.equal(pb4?.timeAchieved, T0 + 2 * DAY);
  t.same(pb4?.calculatedData, { VF6: 0.193 });

  // 5: a new best score replaces the base; its own lamp is now the best one too
  const five = await importOK(stack, token, sdvxFile([sdvxScore(ADV, 10_000_000, 'PERFECT ULTIMATE CHAIN', { timeAchieved: T0 + 3 * DAY })]));
  const E = five.scoreIDs[0];
  const pb5 = await pbOf(stack, userID, ADV.chartID);
  t.strictSame(pb5?.composedFrom, [
    { name: 'Best Score', scoreID: E },
    { name: 'Best EX Score', scoreID: C },
  ]);
  t.same(pb5?.scoreData.grade, 'PUC');
  t.same(pb5?.scoreData.enumIndexes, { lamp: 5, grade: 10 });
  // 20 × 1 × 105 (rg-stats grades 10M as S) × 110 = 231000 → 0.231
  t.same(pb5?.calculatedData, { VF6: 0.231 });
  t.equal(await stack.db.personalBests.countDocuments({ userID }), 1);
});

t.test('CHUNITHM: Best Note Lamp and Best Clear Lamp merge into the best score', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  const chart = CHUNI.BBKK_MASTER;
  const one = await importOK(stack, token, chuniFile([chuniScore(chart, 1_005_000, 'NONE', 'CLEAR', { timeAchieved: T0 })]));
  const X = one.scoreIDs[0];
  const two = await importOK(
    stack,
    token,
    chuniFile([
      chuniScore(chart, 990_000, 'FULL COMBO', 'HARD', { timeAchieved: T0 + HOUR }),
      chuniScore(chart, 950_000, 'NONE', 'ABSOLUTE', { timeAchieved: T0 + 2 * HOUR }),
    ]),
  );
  const [Y, Z] = two.scoreIDs;
  const ratings = (await stack.db.scores.find({ userID }).sort({ timeAchieved: 1 }).toArray()).map((s) => s.calculatedData.rating);
  t.same(ratings, [14, 13.1, 10.83]);
  t.strictSame(await pbOf(stack, userID, chart.chartID), {
    composedFrom: [
      { name: 'Best Score', scoreID: X },
      { name: 'Best Note Lamp', scoreID: Y },
      { name: 'Best Clear Lamp', scoreID: Z },
    ],
    chartID: chart.chartID,
    userID,
    songID: 3,
    highlight: false,
    timeAchieved: T0 + 2 * HOUR,
    game: 'chunithm',
    playtype: 'Single',
    isPrimary: true,
    scoreData: {
      score: 1_005_000,
      noteLamp: 'FULL COMBO',
      clearLamp: 'ABSOLUTE',
      grade: 'SS+',
      judgements: {},
      optional: { enumIndexes: {} },
      enumIndexes: { noteLamp: 1, clearLamp: 4, grade: 11 },
    },
    calculatedData: { rating: 14 },
    rankingData: { rank: 1, outOf: 1, rivalRank: null },
  });
  // profile: floor(1400 / 50) / 100 (always divided by 50)
  t.same(await gameStatsOf(stack, userID, 'chunithm'), {
    userID,
    game: 'chunithm',
    playtype: 'Single',
    ratings: { naiveRating: 0.28 },
    classes: { colour: 'BLUE' },
  });
});

/**
 * Rankings are computed when a PB is shown (GET …/pbs/:chartID). The expectations below are those
 * the stored, rewritten rankings of before met; the tests run twice: as on FerretDB (bounded
 * lookups) and with the database handle set to MongoDB's traits (`$in` lists), which FerretDB
 * executes just as correctly, only slower.
 */
const MODES = ['FerretDB', 'MongoDB'] as const;
function setMode(stack: Awaited<ReturnType<typeof startStack>>, mode: (typeof MODES)[number]): void {
  (stack.db as { evaluatesInWithoutIndex: boolean }).evaluatesInWithoutIndex = mode === 'FerretDB';
}

for (const mode of MODES)
t.test(`rankings of a shared chart: score, then timed before untimed, then older first (${mode} mode)`, async (t) => {
  const stack = await startStack(t);
  setMode(stack, mode);
  const alice = await stack.user('alice');
  const bob = await stack.user('bob');
  const carol = await stack.user('carol');
  const dave = await stack.user('dave');
  const rank = async (userID: number) => (await pbOf(stack, userID, ADV.chartID))?.rankingData;

  await importOK(stack, alice.token, sdvxFile([sdvxScore(ADV, 9_500_000, 'CLEAR', { timeAchieved: T0 })]));
  t.same(await rank(alice.userID), { rank: 1, outOf: 1, rivalRank: null });

  await importOK(stack, bob.token, sdvxFile([sdvxScore(ADV, 9_700_000, 'CLEAR', { timeAchieved: T0 + DAY })]));
  t.same(await rank(bob.userID), { rank: 1, outOf: 2, rivalRank: null });
  t.same(await rank(alice.userID), { rank: 2, outOf: 2, rivalRank: null }, "another user's import re-ranks alice's PB");

  // a tie with alice, achieved earlier; then a tie without a timestamp
  await importOK(stack, carol.token, sdvxFile([sdvxScore(ADV, 9_500_000, 'EXCESSIVE CLEAR', { timeAchieved: T0 - HOUR })]));
  await importOK(stack, dave.token, sdvxFile([sdvxScore(ADV, 9_500_000, 'CLEAR')]));
  t.same(
    [await rank(bob.userID), await rank(carol.userID), await rank(alice.userID), await rank(dave.userID)],
    [
      { rank: 1, outOf: 4, rivalRank: null },
      { rank: 2, outOf: 4, rivalRank: null },
      { rank: 3, outOf: 4, rivalRank: null },
      { rank: 4, outOf: 4, rivalRank: null },
    ],
  );

  // alice improves past everyone
  await importOK(stack, alice.token, sdvxFile([sdvxScore(ADV, 9_900_000, 'CLEAR', { timeAchieved: T0 + 2 * DAY })]));
  t.same(
    [await rank(alice.userID), await rank(bob.userID), await rank(carol.userID), await rank(dave.userID)].map((r) => r?.rank),
    [1, 2, 3, 4],
  );
  // a PB on another chart does not count on this one
  await importOK(stack, bob.token, sdvxFile([sdvxScore(SDVX.ALBIDA_EXH, 9_000_000, 'CLEAR')]));
  t.same((await pbOf(stack, bob.userID, SDVX.ALBIDA_EXH.chartID))?.rankingData, { rank: 1, outOf: 1, rivalRank: null });
  t.same(await rank(bob.userID), { rank: 2, outOf: 4, rivalRank: null });
});

for (const mode of MODES)
t.test(`imports of more charts than FerretDB's $in list rank among the other players' PBs (${mode} mode)`, async (t) => {
  const stack = await startStack(t);
  setMode(stack, mode);
  // 80 charts: past FerretDB's $in list limit the PB step reads the game's PBs whole
  const charts: { inGameID: number; difficulty: string }[] = [];
  const sdvxCharts = await stack.app.charts.game('sdvx');
  for (let id = 1; charts.length < 80; id++) {
    if (sdvxCharts.chartsWhere('inGameID', id).filter((c) => c.difficulty === 'ADV').length === 1) charts.push({ inGameID: id, difficulty: 'ADV' });
  }
  const alice = await stack.user('alice');
  const bob = await stack.user('bob');
  const evens = charts.filter((_, i) => i % 2 === 0);
  await importOK(stack, alice.token, sdvxFile(evens.map((c) => sdvxScore(c, 9_500_000, 'CLEAR', { timeAchieved: T0 }))));
  await importOK(stack, bob.token, sdvxFile(charts.map((c) => sdvxScore(c, 9_600_000, 'CLEAR', { timeAchieved: T0 + HOUR }))));
  const ranks = async () => {
    const pbs = await stack.db.personalBests.find({ game: 'sdvx' }, { projection: { _id: 0, userID: 1, chartID: 1 } }).toArray();
    const shown = await Promise.all(pbs.map(async (p) => ({ userID: p.userID as number, pb: (await pbOf(stack, p.userID as number, p.chartID as string))! })));
    const of = (userID: number) =>
      shown
        .filter((p) => p.userID === userID)
        .map(({ pb }) => {
          const { score } = pb.scoreData as { score: number };
          const { rank, outOf } = pb.rankingData as { rank: number; outOf: number };
          return `${score}:${rank}/${outOf}`;
        })
        .sort();
    return { alice: of(alice.userID), bob: of(bob.userID) };
  };
  t.same(await ranks(), {
    alice: evens.map(() => '9500000:2/2'),
    bob: [...evens.map(() => '9600000:1/2'), ...evens.map(() => '9600000:1/1')].sort(),
  });
  // alice passes bob everywhere: her 40 PBs are replaced, 40 are new
  await importOK(stack, alice.token, sdvxFile(charts.map((c) => sdvxScore(c, 9_700_000, 'CLEAR', { timeAchieved: T0 + DAY }))));
  t.same(await ranks(), { alice: charts.map(() => '9700000:1/2'), bob: charts.map(() => '9600000:2/2') });
  t.equal((await gameStatsOf(stack, alice.userID, 'sdvx'))?.ratings ? 'rated' : 'none', 'rated', 'the profile is rated from her PBs');
});

t.test('one import touching several charts builds one PB per chart', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  const doc = await importOK(
    stack,
    token,
    sdvxFile([
      sdvxScore(SDVX.ALBIDA_ADV, 9_000_000, 'CLEAR'),
      sdvxScore(SDVX.ALBIDA_ADV, 9_300_000, 'FAILED'),
      sdvxScore(SDVX.ALBIDA_EXH, 9_000_000, 'CLEAR'),
      sdvxScore(SDVX.BROKEN_ADV, 9_000_000, 'CLEAR'),
    ]),
  );
  t.equal(doc.scoreIDs.length, 4);
  t.equal(await stack.db.personalBests.countDocuments({ userID }), 3);
  const adv = await pbOf(stack, userID, SDVX.ALBIDA_ADV.chartID);
  t.same(adv?.composedFrom, [
    { name: 'Best Score', scoreID: doc.scoreIDs[1] },
    { name: 'Best Lamp', scoreID: doc.scoreIDs[0] },
  ]);
  t.same([adv?.scoreData.score, adv?.scoreData.lamp, adv?.scoreData.grade], [9_300_000, 'CLEAR', 'AA']);
  // 20 × 0.93 × 94 × 100 = 174840 → 0.174
  t.same(adv?.calculatedData, { VF6: 0.174 });
  // EXH level 13: 26 × 0.9 × 91 × 100 = 212940 → 0.212; Broken ADV level 10: 0.163
  // profile VF6 = plain sum, largest first
  t.same((await gameStatsOf(stack, userID, 'sdvx'))?.ratings, { VF6: 0.212 + 0.174 + 0.163 });
});

for (const mode of MODES)
t.test(`imports and reverts of different users running at the same time leave consistent rankings (${mode} mode)`, async (t) => {
  const stack = await startStack(t);
  setMode(stack, mode);
  // with the stack's own worker (concurrency 2): up to 4 imports at once. Kept small: every
  // concurrent query costs FerretDB a PostgreSQL connection, and the machine's PostgreSQL is shared.
  await stack.startWorker(2);
  const users = await Promise.all(['ua', 'ub', 'uc', 'ud'].map((n) => stack.user(n)));
  const ranks = async () => Promise.all(users.map(async (u) => (await pbOf(stack, u.userID, ADV.chartID))?.rankingData));
  const imported: string[][] = users.map(() => []);
  for (let round = 0; round < 3; round++) {
    // user i scores 9,000,000 + i × 1000 (+ round): the last user is first, user 0 last
    const ids = await Promise.all(
      users.map(async (u, i) => {
        const res = await uploadFile(stack.app, u.token, sdvxFile([sdvxScore(ADV, 9_000_000 + i * 1000 + round, 'CLEAR')]));
        return res.json().body.importID as string;
      }),
    );
    const finals = await Promise.all(ids.map((id) => waitForImport(stack.app, id)));
    t.same(finals.map((f) => f.json.body?.importStatus), users.map(() => 'completed'));
    ids.forEach((id, i) => imported[i].push(id));
    t.same(await ranks(), [4, 3, 2, 1].map((rank) => ({ rank, outOf: 4, rivalRank: null })), `round ${round}`);
  }
  // the two even users revert everything at once while the odd ones import again
  const reverts = users.flatMap((u, i) => (i % 2 === 0 ? imported[i].map((id) => ({ u, id })) : []));
  const byUser = new Map<number, { u: (typeof users)[number]; ids: string[] }>();
  for (const { u, id } of reverts) byUser.set(u.userID, { u, ids: [...(byUser.get(u.userID)?.ids ?? []), id] });
  const importing = users
    .filter((_, i) => i % 2 === 1)
    .map((u, k) => uploadFile(stack.app, u.token, sdvxFile([sdvxScore(ADV, 9_500_000 + k, 'CLEAR')])));
  const reverting = [...byUser.values()].map(async ({ u, ids }) => {
    for (const id of ids) {
      for (;;) {
        const res = await revert(stack, u.token, id);
        if (res.statusCode !== 409) {
          t.equal(res.statusCode, 200);
          break;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  });
  const accepted = await Promise.all(importing);
  await Promise.all(reverting);
  await Promise.all(accepted.map((res) => waitForImport(stack.app, res.json().body.importID)));
  const final = await ranks();
  t.same(
    final.map((r) => r && r.rank),
    [undefined, 2, undefined, 1],
    'the even users have no PB left; the odd ones rank by their new scores',
  );
  t.same(final.filter(Boolean).map((r) => r!.outOf), [2, 2]);
});
