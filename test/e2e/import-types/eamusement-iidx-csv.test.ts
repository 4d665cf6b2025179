/**
 * file/eamusement-iidx-csv and file/pli-iidx-csv end to end: e-amusement IIDX CSVs (HEROIC VERSE
 * and Rootage layouts) with the form field playtype through POST /api/v1/import/file, a real worker,
 * the IIDX fixture seeds plus tachi-formats-charts-iidx.json; then bad files, playtypes and auth.
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { startStack } from '../../support/stack.ts';
import { FIXTURES, fixture, revertAndCheck, seedIIDX, upload, uploadFails, uploadOK } from './tachi-formats-helpers.ts';

const HV_HEADER = fixture('eamusement-iidx-hv-small.csv').toString('utf8').split('\n')[0];
const PRE_HV_HEADER = fixture('eamusement-iidx-26.csv').toString('utf8').split('\n')[0];
const extra = JSON.parse(readFileSync(`${FIXTURES}/seeds/tachi-formats-charts-iidx.json`, 'utf8')) as { chartID: string; difficulty: string; playtype: string; songID: number }[];
const chartOf = (songID: number, playtype: string, difficulty: string) => extra.find((c) => c.songID === songID && c.playtype === playtype && c.difficulty === difficulty)!.chartID;
const ANOTHER_511 = 'c2311194e3897ddb5745b1760d2c0141f933e683';

/** a HEROIC VERSE row: BEGINNER, NORMAL, HYPER, ANOTHER, LEGGENDARIA as [level, ex, pg, gr, bp, lamp] */
function hvRow(version: string, title: string, diffs: string[][], time: string) {
  return [version, title, 'GENRE', 'ARTIST', '1', ...diffs.flatMap((d) => [...d, '---']), time].join(',');
}
const NONE = ['0', '0', '0', '0', '---', 'NO PLAY'];

t.test('a HEROIC VERSE CSV (SP): scores, per-score errors, poll-status, revert', async (t) => {
  const stack = await startStack(t);
  await seedIIDX(stack);
  const { userID, token } = await stack.user('alice');
  const csv = [
    HV_HEADER,
    hvRow('1st&substream', '5.1.1.', [NONE, ['1', '100', '40', '20', '3', 'CLEAR'], ['6', '0', '0', '0', '---', 'NO PLAY'], ['10', '1362', '605', '152', '5', 'EX HARD CLEAR'], NONE], '2021-04-27 21:35'),
    hvRow('HEROIC VERSE', 'AA', [NONE, NONE, NONE, ['12', '2000', '900', '200', '---', 'FULLCOMBO CLEAR'], NONE], '2021-04-28 09:00'),
    hvRow('HEROIC VERSE', 'no such song', [NONE, NONE, NONE, ['12', '2000', '900', '200', '10', 'CLEAR'], NONE], '2021-04-28 09:00'),
    hvRow('HEROIC VERSE', '冥', [NONE, NONE, NONE, ['12', '2000', '900', '200', '10', 'CLEAR'], NONE], '2021-04-28 09:00'),
    hvRow('HEROIC VERSE', 'Afterimage d\'automne', [NONE, NONE, NONE, ['12', '2000', '900', '199', '10', 'CLEAR'], NONE], '2021-04-28 09:00'),
    '',
  ].join('\n');
  const doc = await uploadOK(t, stack, token, csv, { importType: 'file/eamusement-iidx-csv', playtype: 'SP' });
  t.equal(doc.importType, 'file/eamusement-iidx-csv');
  t.equal(doc.game, 'iidx');
  t.same(doc.playtypes, ['SP']);
  t.equal(doc.scoreIDs.length, 3);
  t.strictSame(doc.errors, [
    { type: 'SongOrChartNotFound', message: 'Could not find song for no such song.' },
    { type: 'SongOrChartNotFound', message: 'Could not find chart for 冥 (SP ANOTHER [v27])' },
    { type: 'SongOrChartNotFound', message: "Could not find chart for Afterimage d'automne (SP ANOTHER [v27])" },
  ]);

  const scores = await stack.db.scores.find({ userID }, { projection: { _id: 0 } }).sort({ 'scoreData.score': 1 }).toArray();
  t.same(scores.map((s) => [s.chartID, s.service, s.importType, s.playtype, s.timeAchieved, s.scoreData.score, s.scoreData.lamp, s.scoreData.judgements, s.scoreData.optional]), [
    [chartOf(1, 'SP', 'NORMAL'), 'e-amusement', 'file/eamusement-iidx-csv', 'SP', Date.UTC(2021, 3, 27, 12, 35), 100, 'CLEAR', { pgreat: 40, great: 20 }, { bp: 3, enumIndexes: {} }],
    [ANOTHER_511, 'e-amusement', 'file/eamusement-iidx-csv', 'SP', Date.UTC(2021, 3, 27, 12, 35), 1362, 'EX HARD CLEAR', { pgreat: 605, great: 152 }, { bp: 5, enumIndexes: {} }],
    [chartOf(488, 'SP', 'ANOTHER'), 'e-amusement', 'file/eamusement-iidx-csv', 'SP', Date.UTC(2021, 3, 28, 0, 0), 2000, 'FULL COMBO', { pgreat: 900, great: 200 }, { enumIndexes: {} }],
  ]);
  // 1362 / (786 × 2) = 86.64…%: AA
  t.match(scores[1].scoreData, { grade: 'AA' });
  t.equal(await stack.db.orphans.countDocuments({ userID }), 3);
  await revertAndCheck(t, stack, token, doc.importID);
});

t.test('PLI (DP) and a Rootage CSV with a legacy LEGGENDARIA row', async (t) => {
  const stack = await startStack(t);
  await seedIIDX(stack);
  const { userID, token } = await stack.user('alice');

  const dp = [HV_HEADER, hvRow('HEROIC VERSE', '5.1.1.', [NONE, NONE, NONE, ['9', '1500', '700', '100', '20', 'HARD CLEAR'], NONE], '2021-05-01 12:00')].join('\n');
  const pli = await uploadOK(t, stack, token, dp, { importType: 'file/pli-iidx-csv', playtype: 'DP' });
  t.equal(pli.importType, 'file/pli-iidx-csv');
  t.same(pli.playtypes, ['DP']);
  const [dpScore] = await stack.db.scores.find({ userID, playtype: 'DP' }, { projection: { _id: 0 } }).toArray();
  t.equal(dpScore.chartID, chartOf(1, 'DP', 'ANOTHER'));
  t.equal(dpScore.service, 'PLI');
  t.equal(dpScore.importType, 'file/pli-iidx-csv');

  const rootage = [
    PRE_HV_HEADER,
    ['Rootage', '5.1.1.†', 'G', 'A', '1', '0', '0', '0', '0', '---', 'NO PLAY', '---', '0', '0', '0', '0', '---', 'NO PLAY', '---', '12', '1500', '700', '100', '30', 'CLEAR', 'A', '2019-10-28 14:05'].join(','),
  ].join('\n');
  const legg = await uploadOK(t, stack, token, rootage, { importType: 'file/eamusement-iidx-csv', playtype: 'SP' });
  t.strictSame(legg.errors, []);
  const [leggScore] = await stack.db.scores.find({ importID: legg.importID }, { projection: { _id: 0 } }).toArray();
  t.equal(leggScore.chartID, chartOf(1, 'SP', 'LEGGENDARIA'));
  t.equal(leggScore.timeAchieved, Date.UTC(2019, 9, 28, 5, 5));

  await revertAndCheck(t, stack, token, legg.importID);
  await revertAndCheck(t, stack, token, pli.importID);
});

t.test('fatal errors: playtype, layout, versions; auth', async (t) => {
  const stack = await startStack(t);
  await seedIIDX(stack);
  const { token } = await stack.user('alice');
  const csv = fixture('eamusement-iidx-hv-small.csv');
  for (const importType of ['file/eamusement-iidx-csv', 'file/pli-iidx-csv']) {
    await uploadFails(t, stack, token, csv, { importType }, 400, 'Invalid playtype of undefined given.');
    await uploadFails(t, stack, token, csv, { importType, playtype: 'Single' }, 400, 'Invalid playtype of Single given.');
    await uploadFails(t, stack, token, `${'a,'.repeat(30)}a\n`, { importType, playtype: 'SP' }, 400, 'Invalid CSV provided. CSV does not have the correct amount of headers.');
    await uploadFails(t, stack, token, `${'a,'.repeat(26)}a\n${'a,'.repeat(3)}a`, { importType, playtype: 'SP' }, 400, 'Row 1 has an invalid amount of cells (4, expected 27).');
    await uploadFails(t, stack, token, `${'a,'.repeat(26)}a\nGARBAGE VERSION,foo bar,${'a,'.repeat(24)}a`, { importType, playtype: 'DP' }, 400, 'Invalid/Unsupported Eamusement Version Name GARBAGE VERSION.');
    await uploadFails(t, stack, token, `${'a,'.repeat(26)}a\nSIRIUS,foo bar,${'a,'.repeat(24)}a`, { importType, playtype: 'DP' }, 400, "Unsupported version '17'. Is your CSV properly filled out?");
  }
  // the upload's file name reaches the parser: a file named …sp… sent as DP trips Tachi's safety check
  await uploadFails(
    t, stack, token, csv, { importType: 'file/eamusement-iidx-csv', playtype: 'DP' }, 400,
    "Safety Triggered: Filename contained 'SP', but was marked as a DP import. Are you *absolutely* sure this is right?",
    'eamusement_sp_scores.csv',
  );
  const guest = await upload(stack, null, csv, { importType: 'file/eamusement-iidx-csv', playtype: 'SP' });
  t.equal(guest.statusCode, 401);
  t.equal(await stack.db.scores.countDocuments({}), 0);
});
