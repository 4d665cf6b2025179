/**
 * file/solid-state-squad end to end: a Solid State Squad XML export (SP and DP scores) through
 * POST /api/v1/import/file, a real worker, the IIDX fixture seeds plus tachi-formats-charts-iidx.json;
 * then Tachi's bad test files and a hostile one.
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { startStack } from '../../support/stack.ts';
import { waitForImport } from '../../support/http.ts';
import { FIXTURES, fixture, revertAndCheck, seedIIDX, upload, uploadFails, uploadOK } from './tachi-formats-helpers.ts';

const TYPE = { importType: 'file/solid-state-squad' };
const extra = JSON.parse(readFileSync(`${FIXTURES}/seeds/tachi-formats-charts-iidx.json`, 'utf8')) as { chartID: string; difficulty: string; playtype: string; songID: number }[];
const NORMAL_511 = extra.find((c) => c.songID === 1 && c.playtype === 'SP' && c.difficulty === 'NORMAL')!.chartID;
const ANOTHER_511 = 'c2311194e3897ddb5745b1760d2c0141f933e683';

function song(fields: { diff: string; name: string; styles: string; ex: number; breakdown?: number[]; hardeasy?: string; cleartype: string; date: string; comment?: string }) {
  const b = fields.breakdown;
  return `<song>
    <id>1</id><diff>${fields.diff}</diff>
    <songname><![CDATA[${fields.name}]]></songname><artist><![CDATA[dj nagureo]]></artist>
    <styles>${fields.styles}</styles><exscore>${fields.ex}</exscore>
    ${b ? `<scorebreakdown><justgreats>${b[0]}</justgreats><greats>${b[1]}</greats><good>${b[2]}</good><bad>${b[3]}</bad><poor>${b[4]}</poor></scorebreakdown>` : ''}
    <mods>${fields.hardeasy ? `<hardeasy>${fields.hardeasy}</hardeasy>` : ''}<highspeed>2</highspeed></mods>
    <cleartype>${fields.cleartype}</cleartype><date>${fields.date}</date>
    ${fields.comment ? `<comment><![CDATA[${fields.comment}]]></comment>` : ''}
  </song>`;
}
const s3 = (songs: string[]) =>
  `<s3data version="0.1" xmlns="http://iidx.solidstatesquad.com/xml/ns#"><userdata><id>3</id><login><![CDATA[zkldi]]></login><djname><![CDATA[ZKLDI]]></djname></userdata><scoredata>${songs.join('')}</scoredata></s3data>`;

t.test('SP and DP scores: stored, errors and orphans, poll-status, revert', async (t) => {
  const stack = await startStack(t);
  await seedIIDX(stack);
  const { userID, token } = await stack.user('alice');
  const file = s3([
    song({ diff: 'A', name: '5.1.1.', styles: '3rd,7th', ex: 1200, breakdown: [500, 200, 10, 5, 20], hardeasy: 'H', cleartype: 'cleared', date: '2010-10-19 04:54:22', comment: 'first HC!' }),
    song({ diff: 'L7', name: '5.1.1.', styles: '7th', ex: 400, cleartype: 'perfect', date: '2010-10-20 10:00:00' }),
    song({ diff: '5', name: '5.1.1.', styles: '7th', ex: 400, cleartype: 'perfect', date: '2010-10-20 10:00:00' }),
    song({ diff: 'A14', name: '5.1.1.', styles: '7th', ex: 400, cleartype: 'played', date: '2010-10-20 10:00:00' }),
    song({ diff: 'A', name: 'GAMBOL', styles: '3rd', ex: 100, cleartype: 'played', date: '2010-10-20 10:00:00' }),
    song({ diff: 'A', name: '5.1.1.', styles: 'XYZ', ex: 100, cleartype: 'played', date: '2010-10-20 10:00:00' }),
  ]);
  const doc = await uploadOK(t, stack, token, file, TYPE, 's3.xml');
  t.equal(doc.importType, 'file/solid-state-squad');
  t.equal(doc.scoreIDs.length, 2);
  t.strictSame(doc.errors, [
    { type: 'SongOrChartNotFound', message: 'Could not find chart 5.1.1. (DP ANOTHER version (7-cs))' },
    { type: 'SongOrChartNotFound', message: 'Could not find song with title GAMBOL' },
    { type: 'InvalidDatapoint', message: 'Song has invalid style XYZ.' },
  ]);
  const scores = await stack.db.scores.find({ userID }, { projection: { _id: 0 } }).sort({ 'scoreData.score': -1 }).toArray();
  t.same(scores.map((s) => [s.chartID, s.service, s.comment, s.timeAchieved, s.scoreData.score, s.scoreData.lamp, s.scoreData.judgements]), [
    [ANOTHER_511, 'Solid State Squad', 'first HC!', Date.UTC(2010, 9, 19, 4, 54, 22), 1200, 'HARD CLEAR', { pgreat: 500, great: 200, good: 10, bad: 5, poor: 20 }],
    [NORMAL_511, 'Solid State Squad', null, Date.UTC(2010, 9, 20, 10), 400, 'FULL COMBO', {}],
  ]);
  t.equal(await stack.db.orphans.countDocuments({ userID }), 2);
  await revertAndCheck(t, stack, token, doc.importID);
});

t.test('Tachi\'s invalid files and a hostile one: 400 with Tachi\'s messages; auth', async (t) => {
  const stack = await startStack(t);
  await seedIIDX(stack);
  const { token } = await stack.user('alice');
  const s3file = (name: string) => fixture(`solid-state-squad/${name}`);
  await uploadFails(t, stack, token, s3file('no-score-data.xml'), TYPE, 400, 'Invalid S3 XML, no s3data -> scoredata -> song?');
  await uploadFails(t, stack, token, s3file('invalid-lamp.xml'), TYPE, 400,
    'Invalid S3 XML.: s3data.scoredata.song[0].cleartype | Expected any of played, cleared, combo, comboed, perfect, perfected. | Received BAD LAMP [type: string].');
  await uploadFails(t, stack, token, s3file('invalid-exscore.xml'), TYPE, 400,
    'Invalid S3 XML.: s3data.scoredata.song[0].exscore | Expected a positive integer. | Received -1 [type: number].');
  await uploadFails(t, stack, token, s3file('malicious-mods.xml'), TYPE, 400,
    'Invalid S3 XML.: s3data.scoredata.song[0].mods | Object does not match structure of schema, expected this location to have an object. | Received 1 [type: number].');
  await uploadFails(t, stack, token, 'just text', TYPE, 400, 'Invalid S3 XML, no s3data -> scoredata -> song?');

  // billion laughs: refused, quickly
  const start = Date.now();
  const res = await upload(stack, token, s3file('danger/billion-laughs.xml'), TYPE);
  t.equal(res.statusCode, 202);
  const final = await waitForImport(stack.app, res.json().body.importID);
  t.equal(final.statusCode, 400);
  t.match(final.json.description, /^(Invalid S3 XML|Could not parse XML)/);
  t.ok(Date.now() - start < 10_000);

  t.equal((await upload(stack, null, s3file('valid.xml'), TYPE)).statusCode, 401);
  t.equal(await stack.db.scores.countDocuments({}), 0);
});
