/**
 * file/eamusement-iidx-csv and file/pli-iidx-csv: Tachi's parser tests (import-types/common/
 * eamusement-iidx-csv) with its test CSVs, and the converter against the IIDX fixture seeds plus
 * tachi-formats-charts-iidx.json.
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { GameCharts } from '../../src/charts/chart-index.ts';
import { fileEamusementIIDXCSV as eam } from '../../src/import-types/file/eamusement-iidx-csv/index.ts';
import { filePLIIIDXCSV as pli } from '../../src/import-types/file/pli-iidx-csv/index.ts';
import type { IIDXEamusementCSVContext, IIDXEamusementCSVData } from '../../src/import-types/file/common/eamusement-iidx-csv.ts';
import { fatal, scoreFailure } from './tachi-formats-helpers.ts';

const read = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url));
const json = (path: string) => JSON.parse(read(path).toString('utf8'));
const charts = new GameCharts({
  songs: json('seeds/songs-iidx.json'),
  charts: [...json('seeds/charts-iidx.json'), ...json('seeds/tachi-formats-charts-iidx.json')],
});
const input = (content: Buffer | string, options: Record<string, string> = { playtype: 'SP' }) => ({ content: Buffer.from(content), submittedAt: 0, options });

const PRE_HV_HEADER = read('import-types/eamusement-iidx-26.csv').toString('utf8').split('\n')[0];

t.test('parse: Tachi\'s Rootage CSV (27 columns)', async (t) => {
  const parsed = await eam.parse(input(read('import-types/eamusement-iidx-26.csv')));
  t.equal(parsed.game, 'iidx');
  t.strictSame(parsed.context, { game: 'iidx', playtype: 'SP', importVersion: '26', hasBeginnerAndLegg: false, service: 'e-amusement' });
  // Tachi's parser yields 456 (row, difficulty) pairs; those with an EX score or level of 0 are skipped by its converter, here by the parser
  t.equal(parsed.datapoints.length, 180);
  t.ok(parsed.datapoints.every((d) => d.score.exscore !== '0' && d.score.level !== '0' && d.score.level !== ''));
  t.strictSame(parsed.datapoints[0], {
    title: '5.1.1.',
    timestamp: '2019-10-28 14:05',
    score: { difficulty: 'ANOTHER', level: '10', exscore: '1362', pgreat: '605', great: '152', bp: '5', lamp: 'EX HARD CLEAR' },
  });
});

t.test('parse: Tachi\'s HEROIC VERSE CSV (41 columns)', async (t) => {
  const parsed = await eam.parse(input(read('import-types/eamusement-iidx-27.csv')));
  t.strictSame(parsed.context, { game: 'iidx', playtype: 'SP', importVersion: '27', hasBeginnerAndLegg: true, service: 'e-amusement' });
  // Tachi's 6285 pairs, of which 293 have an EX score and a level
  t.equal(parsed.datapoints.length, 293);
  const small = await pli.parse(input(read('import-types/eamusement-iidx-hv-small.csv'), { playtype: 'DP' }));
  t.strictSame(small.context, { game: 'iidx', playtype: 'DP', importVersion: '27', hasBeginnerAndLegg: true, service: 'PLI' });
  // 4th style ABSOLUTE: only ANOTHER has an EX score; HEROIC VERSE TECHNO Style Essentials: ANOTHER too
  t.strictSame(small.datapoints.map((d) => [d.title, d.score.difficulty, d.score.exscore, d.score.lamp, d.timestamp]), [
    ['ABSOLUTE', 'ANOTHER', '2220', 'EX HARD CLEAR', '2020-12-19 03:28'],
    ['TECHNO Style Essentials', 'ANOTHER', '2611', 'EX HARD CLEAR', '2021-03-14 01:59'],
  ]);
});

t.test('parse: fatal errors, Tachi\'s messages', async (t) => {
  const header = `${'a,'.repeat(26)}a`;
  const fails = (content: string, message: string, options?: Record<string, string>) => fatal(t, () => eam.parse(input(content, options)), 400, message);
  await fails(`${header}\n${'a,'.repeat(3)}a`, 'Row 1 has an invalid amount of cells (4, expected 27).');
  await fails(`${'a,'.repeat(30)}a\n`, 'Invalid CSV provided. CSV does not have the correct amount of headers.');
  await fails(`${header}\nGARBAGE VERSION,foo bar,${'a,'.repeat(24)}a`, 'Invalid/Unsupported Eamusement Version Name GARBAGE VERSION.');
  await fails(`${header}\ntoString,foo bar,${'a,'.repeat(24)}a`, 'Invalid/Unsupported Eamusement Version Name toString.');
  await fails(`${header}\nSIRIUS,foo bar,${'a,'.repeat(24)}a`, "Unsupported version '17'. Is your CSV properly filled out?");
  await fails(header, "Unsupported version '0'. Is your CSV properly filled out?");
  await fails(PRE_HV_HEADER, 'Invalid playtype of undefined given.', {});
  await fails(PRE_HV_HEADER, 'Invalid playtype of sp given.', { playtype: 'sp' });
  // the newest version of any row, in any order
  const rows = [`HEROIC VERSE,foo bar,${'a,'.repeat(24)}a`, `SIRIUS,foo bar,${'a,'.repeat(24)}a`];
  t.equal((await eam.parse(input([header, ...rows].join('\n')))).context.importVersion, '27');
  t.equal((await eam.parse(input([header, ...rows.reverse()].join('\n')))).context.importVersion, '27');
});

t.test('parse: the filename safety check (when the upload\'s filename is known)', async (t) => {
  const csv = read('import-types/eamusement-iidx-27.csv');
  await fatal(t, () => eam.parse(input(csv, { playtype: 'DP', filename: 'iidx_27_sp.csv' })), 400,
    "Safety Triggered: Filename contained 'SP', but was marked as a DP import. Are you *absolutely* sure this is right?");
  await fatal(t, () => eam.parse(input(csv, { playtype: 'SP', filename: 'IIDX_27_DP.csv' })), 400,
    "Safety Triggered: Filename contained 'DP', but was marked as a SP import. Are you *absolutely* sure this is right?");
  t.equal((await eam.parse(input(csv, { playtype: 'DP', filename: 'iidx_27_dp.csv' }))).context.playtype, 'DP');
  t.equal((await eam.parse(input(csv, { playtype: 'DP', filename: 'iidx_27_sp.csv', assertPlaytypeCorrect: 'true' }))).context.playtype, 'DP');
});

const CTX: IIDXEamusementCSVContext = { game: 'iidx', playtype: 'SP', importVersion: '27', hasBeginnerAndLegg: true, service: 'e-amusement' };
const SCORE: IIDXEamusementCSVData = {
  title: '5.1.1.',
  timestamp: '2021-04-27 21:35',
  score: { difficulty: 'ANOTHER', level: '10', exscore: '1362', pgreat: '605', great: '152', bp: '5', lamp: 'EX HARD CLEAR' },
};
const conv = (score: Partial<IIDXEamusementCSVData['score']> = {}, extra: Partial<IIDXEamusementCSVData> = {}, ctx: Partial<IIDXEamusementCSVContext> = {}) =>
  eam.convert({ ...SCORE, ...extra, score: { ...SCORE.score, ...score } }, { ...CTX, ...ctx }, charts);

t.test('convert: a score of the version\'s chart, Japan time to UTC', async (t) => {
  const res = conv();
  t.equal(res.chart.chartID, 'c2311194e3897ddb5745b1760d2c0141f933e683');
  t.equal(res.song.id, 1);
  t.strictSame(res.dryScore, {
    game: 'iidx',
    service: 'e-amusement',
    importType: 'file/eamusement-iidx-csv',
    comment: null,
    timeAchieved: Date.UTC(2021, 3, 27, 12, 35),
    scoreData: { score: 1362, lamp: 'EX HARD CLEAR', judgements: { pgreat: 605, great: 152 }, optional: { bp: 5 } },
    scoreMeta: {},
  });
  t.equal(pli.convert(SCORE, { ...CTX, service: 'PLI' }, charts).dryScore.service, 'PLI');
  t.equal(pli.convert(SCORE, { ...CTX, service: 'PLI' }, charts).dryScore.importType, 'file/pli-iidx-csv');
  t.strictSame(conv({ bp: '---' }).dryScore.scoreData.optional, {}, 'no miss count: no BP');
  t.strictSame(conv({ bp: '' }).dryScore.scoreData.optional, { bp: 0 }, 'Number("") is 0, as in Tachi');
  t.equal(conv({}, { timestamp: '' }).dryScore.timeAchieved, null);
  t.equal(conv({ lamp: 'FULLCOMBO CLEAR' }).dryScore.scoreData.lamp, 'FULL COMBO');
  t.equal(conv({ lamp: 'NO PLAY' }).dryScore.scoreData.lamp, 'NO PLAY');
  // version 27's HYPER is not the primary chart (that one is of later versions)
  t.equal(conv({ difficulty: 'HYPER', exscore: '100', pgreat: '50', great: '0' }).chart.chartID, '1652e0508b0c151f181bb6496ca5a36928569fd4');
  // before HEROIC VERSE, "…†" rows are LEGGENDARIAs
  const legg = conv({ exscore: '100', pgreat: '50', great: '0' }, { title: '5.1.1.†' }, { hasBeginnerAndLegg: false, importVersion: '26' });
  t.equal(legg.chart.difficulty, 'LEGGENDARIA');
  t.equal(conv({ exscore: '100', pgreat: '50', great: '0' }, { title: '5.1.1.†LEGGENDARIA' }, { hasBeginnerAndLegg: false, importVersion: '26' }).chart.difficulty, 'LEGGENDARIA');
});

t.test('convert: per-score failures, Tachi\'s messages', async (t) => {
  const T = '5.1.1. (SP ANOTHER [v27])';
  const fails = (score: Partial<IIDXEamusementCSVData['score']>, type: string, message: string, extra: Partial<IIDXEamusementCSVData> = {}, ctx: Partial<IIDXEamusementCSVContext> = {}) =>
    scoreFailure(t, () => conv(score, extra, ctx), type, message);
  fails({}, 'SongOrChartNotFound', 'Could not find song for no such song.', { title: 'no such song' });
  fails({}, 'SongOrChartNotFound', 'Could not find song for 5.1.1.†.', { title: '5.1.1.†' });
  fails({}, 'SongOrChartNotFound', 'Could not find chart for 5.1.1. (SP ANOTHER [v33])', {}, { importVersion: '33' });
  fails({ difficulty: 'HYPER' }, 'SongOrChartNotFound', 'Could not find chart for 5.1.1. (DP HYPER [v27])', {}, { playtype: 'DP' });
  fails({ exscore: 'abc' }, 'InvalidDatapoint', `${T} - Invalid EX score of abc (Not an integer -- abc.)`);
  fails({ exscore: '1573' }, 'InvalidDatapoint', `${T} - Invalid EX Score of 1573 (Was greater than max chart ex of 1572).`);
  fails({ pgreat: '-1' }, 'InvalidDatapoint', `${T} - Invalid PGreats of -1 (Was negative -- -1.)`);
  fails({ great: 'x' }, 'InvalidDatapoint', `${T} - Invalid Greats of 605 (Not an integer -- x.)`);
  fails({ great: '151' }, 'InvalidDatapoint', `${T} - PGreats * 2 + Greats did not equal EXScore (605 * 2 + 151 != 1362).`);
  fails({ lamp: 'SUPER CLEAR' }, 'InvalidDatapoint', `${T} - Invalid Lamp of SUPER CLEAR.`);
  fails({}, 'InvalidDatapoint', 'Invalid/Unparsable score timestamp of yesterday.', { timestamp: 'yesterday' });
  fails({ bp: '1.5' }, 'InvalidDatapoint', `${T} - Invalid BP of 1.5.`);
  fails({ bp: '10000' }, 'InvalidDatapoint', `${T} - Invalid BP of 10000.`);
  // the legacy LEGGENDARIA's name keeps the row's difficulty
  fails({ exscore: '5000' }, 'InvalidDatapoint', '5.1.1. (SP ANOTHER [v26]) - Invalid EX Score of 5000 (Was greater than max chart ex of 2000).', { title: '5.1.1. †' }, { hasBeginnerAndLegg: false, importVersion: '26' });
});
