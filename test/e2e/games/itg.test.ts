/**
 * examples/itg.json through the HTTP API and a real worker, after loading the ITG fixture seeds
 * into the database as `cli seed --from` would (Tachi's ITG charts are not bundled): finalPercent,
 * lamp-capped grades, blockRating and fastest32, the PB ("Best Result" + "Best Lamp"), the
 * session's blockRating, the profile's highestBlock/fastest32, and rankings by finalPercent.
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { ROOT, startStack } from '../../support/stack.ts';
import { T0, MINUTE, gameStatsOf, importOK, pbOf, sessionOf } from '../helpers.ts';
import { scoresByID, seedFixture, tachiScoreID } from './helpers.ts';

const example = JSON.parse(readFileSync(`${ROOT}/examples/itg.json`, 'utf8'));

const ANUBIS_EXPERT = { chartID: '04897435e094db8a52539c2c5e774b69ec5a7684', hash: 'b86a5b0d0dec3b7e' };
const VERTEX_EXPERT = { chartID: 'ac496ea7ed97ebfc5fabdf4ffefbba0e6da7bed7', hash: '5084e35ac48f77cb' };

t.test('examples/itg.json after seeding the ITG fixtures', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  t.equal(userID, 1);

  // without charts: the file is still read, and its scores are orphans
  const before = await importOK(stack, token, { ...example, scores: example.scores.slice(0, 1) });
  t.same(before.errors, [{ type: 'SongOrChartNotFound', message: `Cannot find chart for itgChartHash ${ANUBIS_EXPERT.hash}.` }]);

  await seedFixture(stack, 'itg');
  const doc = await importOK(stack, token, example);
  t.same(doc.errors, []);
  t.same([doc.game, doc.playtypes, doc.gptStrings, doc.classDeltas], ['itg', ['Stamina'], ['itg:Stamina'], []]);
  t.equal(doc.scoreIDs.length, 7);
  t.equal(
    doc.scoreIDs[0],
    tachiScoreID(`{"chartID":"${ANUBIS_EXPERT.chartID}","lamp":"CLEAR","scorePercent":93.21,"survivedPercent":100,"userID":1}`),
  );

  const scores = await scoresByID(stack, doc.scoreIDs);
  t.strictSame(
    { ...scores[0], timeAdded: 0 },
    {
      scoreID: doc.scoreIDs[0],
      userID: 1,
      game: 'itg',
      playtype: 'Stamina',
      chartID: ANUBIS_EXPERT.chartID,
      songID: 334,
      isPrimary: true,
      service: 'ITG Hook (BATCH-MANUAL)',
      importType: 'file/batch-manual',
      comment: null,
      timeAchieved: T0,
      timeAdded: 0,
      highlight: false,
      scoreMeta: {},
      scoreData: {
        scorePercent: 93.21,
        survivedPercent: 100,
        lamp: 'CLEAR',
        finalPercent: 100 + 93.21,
        grade: 'S',
        judgements: { 'fantastic+': 612, fantastic: 210, excellent: 80, great: 12, decent: 1, wayoff: 0, miss: 2 },
        optional: { lifebarHistory: [100, 100, 96, 92, 100, 100], enumIndexes: {} },
        enumIndexes: { lamp: 1, grade: 5 },
      },
      calculatedData: { blockRating: 16, fastest32: 180 },
      importID: doc.importID,
    },
  );
  t.same(
    scores.map((s) => [s.scoreData.finalPercent, s.scoreData.grade, s.calculatedData.blockRating, s.calculatedData.fastest32]),
    [
      [100 + 93.21, 'S', 16, 180], // Anubis Expert (ranked 16; 36 measures of 16ths at 180 BPM)
      [100 + 90, 'S', 16, 180],
      [100 + 96.5, '★', 12, null], // Anubis Hard: 8ths only, 90 BPM is hidden
      [75, 'F', null, 210], // Vertex ALPHA: died at measure 39 of 52, after its 48-measure 210 BPM stream began at measure 2
      [100 + 85.02, 'A', 18, 210],
      [100 + 99.12, '★★★', 10, 150], // Alcohol-Free Medium (ranked 10, 150 BPM)
      [100 + 100, '★★★★', null, null], // Glory Days: unranked, no 32 unbroken measures
    ],
  );

  // Anubis Expert: the best result (93.21% CLEAR) with the FULL COMBO of the 90% one
  t.strictSame(await pbOf(stack, 1, ANUBIS_EXPERT.chartID), {
    composedFrom: [
      { name: 'Best Result', scoreID: doc.scoreIDs[0] },
      { name: 'Best Lamp', scoreID: doc.scoreIDs[1] },
    ],
    chartID: ANUBIS_EXPERT.chartID,
    userID: 1,
    songID: 334,
    highlight: false,
    timeAchieved: T0 + 3 * MINUTE,
    game: 'itg',
    playtype: 'Stamina',
    isPrimary: true,
    scoreData: {
      scorePercent: 93.21,
      survivedPercent: 100,
      lamp: 'FULL COMBO',
      finalPercent: 100 + 93.21,
      grade: 'S',
      judgements: { 'fantastic+': 612, fantastic: 210, excellent: 80, great: 12, decent: 1, wayoff: 0, miss: 2 },
      optional: { lifebarHistory: [100, 100, 96, 92, 100, 100], enumIndexes: {} },
      enumIndexes: { lamp: 2, grade: 5 },
    },
    calculatedData: { blockRating: 16, fastest32: 180 },
    rankingData: { rank: 1, outOf: 1, rivalRank: null },
  });
  // Vertex ALPHA: the clear (185.02) over the fail (75), which is also the best lamp
  const vertex = await pbOf(stack, 1, VERTEX_EXPERT.chartID);
  t.same([vertex?.composedFrom, vertex?.scoreData.lamp, vertex?.calculatedData], [[{ name: 'Best Result', scoreID: doc.scoreIDs[4] }], 'CLEAR', { blockRating: 18, fastest32: 210 }]);

  // session blockRating: mean of the best 5 block ratings of its scores: (18 + 16 + 16 + 12 + 10) / 5
  t.equal(doc.createdSessions.length, 1);
  const session = await sessionOf(stack, doc.createdSessions[0].sessionID);
  t.same([session?.scoreIDs, session?.calculatedData], [doc.scoreIDs, { blockRating: 72 / 5 }]);

  t.same(await gameStatsOf(stack, 1, 'itg', 'Stamina'), {
    userID: 1,
    game: 'itg',
    playtype: 'Stamina',
    ratings: { highestBlock: 18, fastest32: 210 },
    classes: {},
  });

  // another player's 95% clear on Anubis Expert (195) ranks above alice's 93.21% (193.21); a fail never outranks a clear
  const bob = await stack.user('bob');
  const bobs = await importOK(stack, bob.token, {
    meta: { game: 'itg', playtype: 'Stamina', service: 'ITG Hook' },
    scores: [
      { scorePercent: 95, survivedPercent: 100, lamp: 'CLEAR', matchType: 'itgChartHash', identifier: ANUBIS_EXPERT.hash, timeAchieved: T0 },
      { scorePercent: 99, survivedPercent: 99.9, lamp: 'FAILED', matchType: 'itgChartHash', identifier: VERTEX_EXPERT.hash, timeAchieved: T0 + MINUTE },
      { scorePercent: 90, survivedPercent: 90, lamp: 'CLEAR', matchType: 'itgChartHash', identifier: VERTEX_EXPERT.hash, timeAchieved: T0 + 2 * MINUTE },
    ],
  });
  t.same(bobs.errors, [{ type: 'InvalidDatapoint', message: "Got 1 error when validating score:\nCannot clear a chart that you didn't survive 100% of." }]);
  t.same((await pbOf(stack, 1, ANUBIS_EXPERT.chartID))?.rankingData, { rank: 2, outOf: 2, rivalRank: null });
  t.same((await pbOf(stack, bob.userID, ANUBIS_EXPERT.chartID))?.rankingData, { rank: 1, outOf: 2, rivalRank: null });
  t.same((await pbOf(stack, bob.userID, VERTEX_EXPERT.chartID))?.rankingData, { rank: 2, outOf: 2, rivalRank: null });
  t.same(await gameStatsOf(stack, bob.userID, 'itg', 'Stamina'), {
    userID: bob.userID,
    game: 'itg',
    playtype: 'Stamina',
    // a fail is worth no block, but its stream counts up to where bob died (measure 51.9 of 52)
    ratings: { highestBlock: 16, fastest32: 210 },
    classes: {},
  });
});
