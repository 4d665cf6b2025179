/**
 * file/mypagescraper-records-csv and file/mypagescraper-player-csv end to end: Tachi's test records
 * CSV (cg505's dump) and a player CSV through POST /api/v1/import/file, a real worker, the bundled
 * WACCA seeds; then bad files.
 */
import t from 'tap';
import { startStack } from '../../support/stack.ts';
import { gameStatsOf } from '../helpers.ts';
import { bundledChart, fixture, revertAndCheck, upload, uploadFails, uploadOK } from './tachi-formats-helpers.ts';

const RECORDS = { importType: 'file/mypagescraper-records-csv' };
const PLAYER = { importType: 'file/mypagescraper-player-csv' };
const HEADER = 'music_id,music_title,music_artist,music_genre,music_levels,music_play_counts,music_scores,music_achieves';
const PLAYER_HEADER =
  'player_name,player_level,player_rate,player_stage,player_play_count,player_play_count_versus,player_play_count_coop,player_total_rp_earned,player_total_rp_spent';
const PLAYER_CSV = `${PLAYER_HEADER}\ncg505,120,2704,"[12,ステージXII,2]",1274,57,0,2088515,531325\n`;

t.test('records: Tachi\'s test CSV, scores, poll-status, revert', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');

  const doc = await uploadOK(t, stack, token, fixture('mypagescraper-records.csv'), RECORDS);
  t.equal(doc.importType, 'file/mypagescraper-records-csv');
  t.equal(doc.game, 'wacca');
  t.equal(doc.scoreIDs.length + doc.errors.length, 280, 'every PB is a score or an error');
  t.ok(doc.scoreIDs.length > 250, `${doc.scoreIDs.length} scores`);
  for (const e of doc.errors) t.match(e.type, /^(SongOrChartNotFound|InvalidDatapoint|AmbiguousTitle)$/, e.message);

  // 2085,PUPA,モリモリあつし,4,"[4,8,13+,0]","[0,0,12]","[0,0,996827]","[0,0,2]"
  const pupa = bundledChart('wacca', 'PUPA', 'EXPERT');
  const [score] = await stack.db.scores.find({ userID, chartID: pupa.chartID }, { projection: { _id: 0 } }).toArray();
  t.equal(score.service, 'mypage-scraper');
  t.equal(score.timeAchieved, null);
  t.match(score.scoreData, { score: 996827, lamp: 'MISSLESS', grade: 'SSS', judgements: {}, optional: {} });
  // rate: 13.7 × 4 (≥ 990,000)
  t.same(score.calculatedData, { rate: 54.8 });

  // 2204,叩ケ 叩ケ 手ェ叩ケ,…,"[2,7,12,13+]","[0,0,3,1]","[0,0,992703,960000]","[0,0,2,1]": EXPERT and INFERNO
  // of song 2, found by its altTitle (its title has ideographic spaces)
  const tatake = await stack.db.scores.find({ userID, songID: 2 }, { projection: { _id: 0 } }).toArray();
  t.same(tatake.map((s) => [s.scoreData.score, s.scoreData.lamp]).sort(), [[960000, 'CLEAR'], [992703, 'MISSLESS']]);

  await revertAndCheck(t, stack, token, doc.importID);
});

t.test('records: per-score failures and orphans', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  const csv = [
    HEADER,
    '2085,PUPA,モリモリあつし,4,"[4,8,13,0]","[0,0,12]","[0,0,996827]","[0,0,2]"',
    '9999,no such song,x,4,"[4,8,13,0]","[0,1,0]","[0,950000,0]","[0,1,0]"',
    '2085,PUPA,モリモリあつし,4,"[4,8,13+,14]","[0,0,0,1]","[0,0,0,900000]","[0,0,0,1]"',
    '2085,PUPA,モリモリあつし,4,"[4,8,13+,0]","[1,0,0]","[950000,0,0]","[7,0,0]"',
  ].join('\n');
  const doc = await uploadOK(t, stack, token, csv, RECORDS);
  t.strictSame(doc.scoreIDs, []);
  t.strictSame(doc.errors, [
    { type: 'InvalidDatapoint', message: 'PUPA [EXPERT] - Should be level 13+, but found level 13.' },
    { type: 'SongOrChartNotFound', message: 'Could not find song for no such song.' },
    { type: 'SongOrChartNotFound', message: 'Could not find chart for PUPA [INFERNO].' },
    { type: 'InvalidDatapoint', message: 'PUPA [NORMAL] - Invalid lamp of 7.' },
  ]);
  const orphans = await stack.db.orphans.find({ userID }, { projection: { _id: 0 } }).sort({ errMsg: 1 }).toArray();
  t.same(
    orphans.map((o) => [o.importType, o.errMsg, o.data]),
    [
      ['file/mypagescraper-records-csv', 'Could not find chart for PUPA [INFERNO].', { songId: 2085, songTitle: 'PUPA', diffIndex: 3, level: '14', score: 900000, lamp: 1 }],
      ['file/mypagescraper-records-csv', 'Could not find song for no such song.', { songId: 9999, songTitle: 'no such song', diffIndex: 1, level: '8', score: 950000, lamp: 1 }],
    ],
  );
});

t.test('player: the stage-up class, poll-status, revert', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  const doc = await uploadOK(t, stack, token, PLAYER_CSV, PLAYER);
  t.equal(doc.importType, 'file/mypagescraper-player-csv');
  t.equal(doc.game, 'wacca');
  t.strictSame(doc.scoreIDs, []);
  t.strictSame(doc.errors, []);
  t.strictSame(doc.classDeltas, [{ game: 'wacca', set: 'stageUp', playtype: 'Single', old: null, new: 'XII' }]);
  t.match(await gameStatsOf(stack, userID, 'wacca'), { classes: { stageUp: 'XII' } });

  // a lower stage later is no improvement: no delta, the class stays
  const lower = await uploadOK(t, stack, token, 'player_stage\n"[3,ステージIII,1]"\n', PLAYER);
  t.strictSame(lower.classDeltas, []);
  t.match(await gameStatsOf(stack, userID, 'wacca'), { classes: { stageUp: 'XII' } });

  await revertAndCheck(t, stack, token, lower.importID);
  await revertAndCheck(t, stack, token, doc.importID);
});

t.test('fatal errors and auth', async (t) => {
  const stack = await startStack(t);
  const { token } = await stack.user('alice');
  await uploadFails(t, stack, token, `${HEADER}\nAvenue,aran,6,"[3,7+,12+,0]","[0,0,12]","[0,0,996952]","[0,0,3]"`, RECORDS, 400,
    'Failed to parse CSV: Invalid Record Length: columns length is 8, got 7 on line 2');
  await uploadFails(t, stack, token, 'music_id,music_title\n1,a\n', RECORDS, 400, 'Malformed CSV, invalid column(s) (music_levels: undefined): Expected string.');
  await uploadFails(t, stack, token, PLAYER_CSV + 'x,1,1,"[1,a,1]",1,1,1,1,1\n', PLAYER, 400, 'Found 2 records instead of exactly 1 in the player CSV.');
  await uploadFails(t, stack, token, 'player_name\ncg505\n', PLAYER, 400, 'Malformed CSV: no player_stage column.');
  await uploadFails(t, stack, token, 'player_stage\n"[12,ステージXII]"\n', PLAYER, 400, 'Malformed player_stage entry.');
  await uploadFails(t, stack, token, 'player_stage\n"[99,ステージ,0]"\n', PLAYER, 400, 'Unknown stage up id 99.');

  const guest = await upload(stack, null, PLAYER_CSV, PLAYER);
  t.equal(guest.statusCode, 401);
  const bad = await upload(stack, 'nope', PLAYER_CSV, PLAYER);
  t.equal(bad.statusCode, 401);
});
