/**
 * file/eamusement-sdvx-csv end to end: Tachi's test CSV (an EXCEED GEAR export) uploaded through
 * POST /api/v1/import/file, a real worker, the bundled SDVX seeds; then bad files and bad auth.
 */
import t from 'tap';
import { startStack } from '../../support/stack.ts';
import { bundledChart, fixture, revertAndCheck, upload, uploadFails, uploadOK } from './tachi-formats-helpers.ts';

const TYPE = { importType: 'file/eamusement-sdvx-csv' };
const HEADER = '楽曲名,難易度,楽曲レベル,クリアランク,スコアグレード,ハイスコア,EXスコア,プレー回数,クリア回数,ULTIMATE CHAIN,PERFECT';

t.test('Tachi\'s test CSV: scores, errors, poll-status, revert', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');

  const doc = await uploadOK(t, stack, token, fixture('eamusement-sdvx.csv'), TYPE);
  t.equal(doc.importType, 'file/eamusement-sdvx-csv');
  t.equal(doc.game, 'sdvx');
  t.same(doc.playtypes, ['Single']);
  t.equal(doc.userIntent, false);
  // one title of the export names two songs of the seeds
  t.strictSame(doc.errors, [
    {
      type: 'AmbiguousTitle',
      message: 'Multiple songs exist with the title カジノファイヤーことみちゃん. We cannot resolve this. Please try and use a different song resolution method.',
    },
  ]);
  t.equal(doc.scoreIDs.length + doc.skippedDuplicates, 203);

  // first row: 竹,EXHAUST,17,EXCESSIVE COMPLETE,AAA+,9866844,0,…
  const take = bundledChart('sdvx', '竹', 'EXH');
  const [score] = await stack.db.scores.find({ userID, chartID: take.chartID }, { projection: { _id: 0 } }).toArray();
  t.equal(score.service, 'e-amusement');
  t.equal(score.importType, 'file/eamusement-sdvx-csv');
  t.equal(score.timeAchieved, null);
  t.equal(score.songID, take.songID);
  t.match(score.scoreData, { score: 9866844, lamp: 'EXCESSIVE CLEAR', grade: 'AAA+', judgements: {}, optional: { exScore: null } });

  // an ULTIMATE CHAIN row: Macuilxochitl (Latin Jazz Mix),EXHAUST,16,ULTIMATE CHAIN,S,9958949,…
  const macuil = bundledChart('sdvx', 'Macuilxochitl (Latin Jazz Mix)', 'EXH');
  const [uc] = await stack.db.scores.find({ userID, chartID: macuil.chartID }, { projection: { _id: 0 } }).toArray();
  t.match(uc.scoreData, { score: 9958949, lamp: 'ULTIMATE CHAIN' });

  t.equal(await stack.db.orphans.countDocuments({ userID }), 0);
  await revertAndCheck(t, stack, token, doc.importID);
});

t.test('per-score failures: unknown songs kept as orphans, wrong level, bad lamp, an EX score', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  const csv = [
    HEADER,
    'ALBIDA Powerless Mix,ADVANCED,10,COMPLETE,AA,9000000,1234,1,1,0,0',
    'no such song,EXHAUST,17,COMPLETE,AA,9000000,0,1,1,0,0',
    'ALBIDA Powerless Mix,VIVID,18,COMPLETE,AA,9000000,0,1,1,0,0',
    'ALBIDA Powerless Mix,EXHAUST,17,COMPLETE,AA,9000000,0,1,1,0,0',
    'ALBIDA Powerless Mix,NOVICE,5,SUPER CLEAR,AA,9000000,0,1,1,0,0',
    '',
  ].join('\r\n');
  const doc = await uploadOK(t, stack, token, csv, TYPE);
  t.equal(doc.scoreIDs.length, 1);
  t.strictSame(doc.errors, [
    { type: 'SongOrChartNotFound', message: 'Could not find song for no such song.' },
    { type: 'SongOrChartNotFound', message: 'Could not find chart for ALBIDA Powerless Mix [VVD].' },
    { type: 'InvalidDatapoint', message: 'ALBIDA Powerless Mix [EXH] - Should be level 13, but found level 17.' },
    { type: 'InvalidDatapoint', message: 'ALBIDA Powerless Mix [NOV] - Invalid lamp of SUPER CLEAR.' },
  ]);
  const [score] = await stack.db.scores.find({ userID }, { projection: { _id: 0 } }).toArray();
  t.equal(score.chartID, '5088a4d0e1ee9d0cc2f625934306e45b1a60699b');
  t.match(score.scoreData, { score: 9_000_000, lamp: 'CLEAR', optional: { exScore: 1234 } });

  const orphans = await stack.db.orphans.find({ userID }, { projection: { _id: 0 } }).sort({ errMsg: 1 }).toArray();
  t.same(
    orphans.map((o) => [o.importType, o.errMsg, o.data]),
    [
      [
        'file/eamusement-sdvx-csv',
        'Could not find chart for ALBIDA Powerless Mix [VVD].',
        { title: 'ALBIDA Powerless Mix', difficulty: 'VIVID', level: '18', lamp: 'COMPLETE', score: '9000000', exscore: '0' },
      ],
      ['file/eamusement-sdvx-csv', 'Could not find song for no such song.', { title: 'no such song', difficulty: 'EXHAUST', level: '17', lamp: 'COMPLETE', score: '9000000', exscore: '0' }],
    ],
  );
});

t.test('fatal errors and auth', async (t) => {
  const stack = await startStack(t);
  const { token } = await stack.user('alice');
  await uploadFails(t, stack, token, `${'a,'.repeat(15)}a\n`.repeat(3), TYPE, 400, 'Invalid CSV provided. CSV does not have the correct number of headers.');
  await uploadFails(t, stack, token, `${HEADER}\nALBIDA Powerless Mix,ADVANCED,10\n`, TYPE, 400, 'Row 1 has an invalid amount of cells (3, expected 11).');
  await uploadFails(t, stack, token, '', TYPE, 400, 'Expected headers, but received nothing in the first row.');
  await uploadFails(t, stack, token, Buffer.from([0xff, 0xfe, 0x00, 0x01]), TYPE, 400, 'Invalid CSV provided. CSV does not have the correct number of headers.');

  const guest = await upload(stack, null, fixture('eamusement-sdvx.csv'), TYPE);
  t.equal(guest.statusCode, 401);
  t.equal(guest.json().description, 'You are not authorised to perform this action.');
  const bad = await upload(stack, 'not-a-token', fixture('eamusement-sdvx.csv'), TYPE);
  t.equal(bad.statusCode, 401);
  t.equal(bad.json().description, 'The provided API token does not correspond with any key in the database.');
  const noPerm = await stack.user('bob', { permissions: [] });
  const forbidden = await upload(stack, noPerm.token, fixture('eamusement-sdvx.csv'), TYPE);
  t.equal(forbidden.statusCode, 403);
});
