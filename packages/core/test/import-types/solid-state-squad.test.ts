/**
 * file/solid-state-squad: Tachi's parser and converter tests (import-types/file/solid-state-squad)
 * with its test XML files, the converter against the IIDX fixture seeds (5.1.1. SP ANOTHER has the
 * 7-cs version).
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { GameCharts } from '../../src/charts/chart-index.ts';
import { fileSolidStateSquad as mod } from '../../src/import-types/file/solid-state-squad/index.ts';
import type { S3Score } from '../../src/import-types/file/solid-state-squad/parse.ts';
import { fatal, scoreFailure } from './tachi-formats-helpers.ts';

const read = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url));
const json = (path: string) => JSON.parse(read(path).toString('utf8'));
const charts = new GameCharts({
  songs: json('seeds/songs-iidx.json'),
  charts: [...json('seeds/charts-iidx.json'), ...json('seeds/tachi-formats-charts-iidx.json')],
});
const xml = (name: string) => ({ content: read(`import-types/solid-state-squad/${name}`), submittedAt: 0, options: {} });

const GAMBOL = {
  id: 187,
  songname: 'GAMBOL',
  artist: 'SLAKE',
  genre: 'BIG BEAT',
  bpm: 174,
  styles: '3rd',
  rating: 1,
  notes: 137,
  exscore: 100,
  grade: 'AA',
  djpoints: 9,
  date: '2010-10-19 04:54:22',
};

t.test('parse: Tachi\'s valid XML, one score, .59', async (t) => {
  const res = await mod.parse(xml('valid.xml'));
  t.equal(res.game, 'iidx');
  t.equal(res.classes, null);
  t.strictSame(res.context, { game: 'iidx' });
  t.match(res.datapoints, [
    { ...GAMBOL, diff: 7, scorebreakdown: { justgreats: 25, greats: 50, good: 0, bad: 0, poor: 4 }, mods: { hardeasy: 'H' }, cleartype: 'cleared' },
    { ...GAMBOL, diff: 'L7', scorebreakdown: { justgreats: 25, greats: 50, good: 0, bad: 0, poor: 4 }, cleartype: 'perfect' },
  ]);
  t.equal(res.datapoints.length, 2);
  const one = await mod.parse(xml('one-score.xml'));
  t.equal(one.datapoints.length, 1);
  t.match(one.datapoints[0], { diff: 7, songname: 'GAMBOL', scorebreakdown: { justgreats: 50 }, cleartype: 'perfect' });
  const p59 = await mod.parse(xml('point-five-nine.xml'));
  t.equal(p59.datapoints[0].songname, '.59');
});

t.test('parse: invalid and hostile files, Tachi\'s messages', async (t) => {
  await fatal(t, () => mod.parse(xml('no-score-data.xml')), 400, 'Invalid S3 XML, no s3data -> scoredata -> song?');
  await fatal(t, () => mod.parse(xml('invalid-lamp.xml')), 400,
    'Invalid S3 XML.: s3data.scoredata.song[0].cleartype | Expected any of played, cleared, combo, comboed, perfect, perfected. | Received BAD LAMP [type: string].');
  await fatal(t, () => mod.parse(xml('malicious-mods.xml')), 400,
    'Invalid S3 XML.: s3data.scoredata.song[0].mods | Object does not match structure of schema, expected this location to have an object. | Received 1 [type: number].');
  await fatal(t, () => mod.parse(xml('malicious-scorebreakdown.xml')), 400,
    'Invalid S3 XML.: s3data.scoredata.song[0].scorebreakdown | Object does not match structure of schema, expected this location to have an object. | Received 1 [type: number].');
  await fatal(t, () => mod.parse(xml('invalid-exscore.xml')), 400,
    'Invalid S3 XML.: s3data.scoredata.song[0].exscore | Expected a positive integer. | Received -1 [type: number].');
  // fast-xml-parser reads unclosed tags leniently: the schema then finds what is missing
  await fatal(t, () => mod.parse({ content: Buffer.from('<s3data><scoredata><song>'), submittedAt: 0, options: {} }), 400,
    'Invalid S3 XML.: s3data.userdata | Object does not match structure of schema, expected this location to have an object. | Received undefined [type: undefined].');
  await fatal(t, () => mod.parse({ content: Buffer.from('not xml at all'), submittedAt: 0, options: {} }), 400, 'Invalid S3 XML, no s3data -> scoredata -> song?');

  const start = Date.now();
  try {
    await mod.parse(xml('danger/billion-laughs.xml'));
    t.fail('billion laughs parsed');
  } catch (err) {
    t.match((err as Error).message, /^(Invalid S3 XML|Could not parse XML)/);
  }
  const blaugh = await mod.parse(xml('danger/specific-blaugh.xml'));
  t.equal(blaugh.datapoints[0].songname, '&lol9;', 'entities are not expanded');
  t.ok(Date.now() - start < 5_000, 'quickly');
});

// Tachi's MockParsedS3Score
const SCORE: S3Score = {
  id: 187,
  diff: 'A',
  songname: '5.1.1.',
  styles: '7th',
  exscore: 100,
  scorebreakdown: { justgreats: 25, greats: 50, good: 0, bad: 0, poor: 4 },
  mods: {},
  cleartype: 'perfect',
  date: '2010-10-19 04:54:22',
};
const conv = (patch: Partial<S3Score> = {}) => mod.convert({ ...SCORE, ...patch } as S3Score, { game: 'iidx' }, charts);

t.test('convert: Tachi\'s converter tests', async (t) => {
  const res = conv();
  t.equal(res.chart.chartID, 'c2311194e3897ddb5745b1760d2c0141f933e683');
  t.equal(res.song.id, 1);
  t.strictSame(res.dryScore, {
    game: 'iidx',
    service: 'Solid State Squad',
    importType: 'file/solid-state-squad',
    comment: null,
    timeAchieved: Date.UTC(2010, 9, 19, 4, 54, 22),
    scoreData: { score: 100, lamp: 'FULL COMBO', judgements: { pgreat: 25, great: 50, good: 0, bad: 0, poor: 4 }, optional: {} },
    scoreMeta: {},
  });
  t.equal(conv({ comment: 'hello!' }).dryScore.comment, 'hello!');
  t.equal(conv({ songname: '5.1.1.'.toUpperCase() }).song.id, 1);
  t.equal(conv({ diff: 'L7' }).chart.difficulty, 'NORMAL');
  t.strictSame(conv({ scorebreakdown: undefined }).dryScore.scoreData.judgements, {});
  t.equal(conv({ styles: '3rd,4th,7th' }).chart.chartID, 'c2311194e3897ddb5745b1760d2c0141f933e683');
});

t.test('convert: lamps', async (t) => {
  const lamp = (cleartype: string, hardeasy?: string) => conv({ cleartype, mods: hardeasy ? { hardeasy } : {} } as Partial<S3Score>).dryScore.scoreData.lamp;
  t.strictSame(
    [lamp('played'), lamp('cleared'), lamp('cleared', 'E'), lamp('cleared', 'H'), lamp('combo'), lamp('comboed'), lamp('perfect'), lamp('perfected')],
    ['FAILED', 'CLEAR', 'EASY CLEAR', 'HARD CLEAR', 'FULL COMBO', 'FULL COMBO', 'FULL COMBO', 'FULL COMBO'],
  );
});

t.test('convert: per-score failures, Tachi\'s messages', async (t) => {
  const fails = (patch: Partial<S3Score>, type: string, message: string) => scoreFailure(t, () => conv(patch), type, message);
  fails({ styles: '3rd,4th,INVALID' }, 'InvalidDatapoint', 'Song has invalid style INVALID.');
  fails({ styles: '3rd,' }, 'InvalidDatapoint', 'Song has invalid style -- Score has no styles?');
  fails({ songname: 'INVALID SONG TITLE' }, 'SongOrChartNotFound', 'Could not find song with title INVALID SONG TITLE');
  fails({ diff: 'B' }, 'SongOrChartNotFound', 'Could not find chart 5.1.1. (SP LEGGENDARIA version (7-cs))');
  fails({ diff: 'INVALID' as never }, 'InvalidDatapoint', 'Invalid difficulty INVALID.');
  fails({ cleartype: 'cleared', mods: { hardeasy: 'INVALID' as never } }, 'InvalidDatapoint', "Invalid hardeasy of INVALID while evaluating a 'cleared' score?");
  fails({ cleartype: 'INVALID' as never }, 'InvalidDatapoint', 'Invalid cleartype of INVALID.');
  fails({ date: 'INVALID' }, 'InvalidDatapoint', 'Invalid/Unparsable score timestamp of INVALID.');
});

t.test('5KEY scores are skipped, without an error', async (t) => {
  const five = read('import-types/solid-state-squad/valid.xml').toString('utf8').replace('<diff>7</diff>', '<diff>5</diff>');
  const res = await mod.parse({ content: Buffer.from(five), submittedAt: 0, options: {} });
  t.strictSame(res.datapoints.map((d) => d.diff), ['L7']);
});
