/**
 * file/eamusement-sdvx-csv: Tachi's parser and converter tests (import-types/file/eamusement-sdvx-csv)
 * against the bundled SDVX seeds, with Tachi's test CSV (an EXCEED GEAR export).
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { GameCharts } from '../../src/charts/chart-index.ts';
import { ScoreFailure } from '../../src/errors.ts';
import { fatal, scoreFailure } from './tachi-formats-helpers.ts';
import { loadBundledGame } from '../../src/game-data.ts';
import { fileEamusementSDVXCSV as mod } from '../../src/import-types/file/eamusement-sdvx-csv/index.ts';
import type { SDVXEamusementCSVData } from '../../src/import-types/file/eamusement-sdvx-csv/parse.ts';

const charts = new GameCharts(loadBundledGame('sdvx'));
const CSV = readFileSync(new URL('../fixtures/import-types/eamusement-sdvx.csv', import.meta.url));
const parse = (content: Buffer | string) => mod.parse({ content: Buffer.from(content), submittedAt: 0, options: {} });

t.test('parses Tachi\'s test CSV: 204 rows, the columns it reads', async (t) => {
  const parsed = await parse(CSV);
  t.equal(parsed.game, 'sdvx');
  t.equal(parsed.datapoints.length, 204);
  t.strictSame(parsed.datapoints[0], { title: '竹', difficulty: 'EXHAUST', level: '17', lamp: 'EXCESSIVE COMPLETE', score: '9866844', exscore: '0' });
  t.strictSame(parsed.context, { game: 'sdvx' });
  t.equal(parsed.classes, null);
});

t.test('fatal errors, Tachi\'s messages', async (t) => {
  const fails = (content: string, message: string) => fatal(t, () => parse(content), 400, message);
  await fails(`${'a,'.repeat(10)}a\n${'a,'.repeat(3)}a`, 'Row 1 has an invalid amount of cells (4, expected 11).');
  await fails(`${'a,'.repeat(15)}a\n`.repeat(3), 'Invalid CSV provided. CSV does not have the correct number of headers.');
  await fails('', 'Expected headers, but received nothing in the first row.');
  await fails('\nfoo', 'Expected headers, but received nothing in the first row.');
  await fails('a,'.repeat(60), 'Too many CSV headers.');
  await fails('a'.repeat(1001), 'Headers were longer than 1000 characters long.');
  // empty lines are skipped; quoted cells unwrapped
  const ok = await parse(`${'h,'.repeat(10)}h\n\n"ALBIDA Powerless Mix",ADVANCED,10,COMPLETE,AA,9000000,0,1,1,0,0\n`);
  t.equal(ok.datapoints.length, 1);
  t.equal(ok.datapoints[0].title, 'ALBIDA Powerless Mix');
});

const ALBIDA: SDVXEamusementCSVData = {
  title: 'ALBIDA Powerless Mix',
  difficulty: 'ADVANCED',
  level: '10',
  lamp: 'EXCESSIVE COMPLETE',
  score: '9310699',
  exscore: '0',
};
const conv = (patch: Partial<SDVXEamusementCSVData> = {}) => mod.convert({ ...ALBIDA, ...patch }, { game: 'sdvx' }, charts);

t.test('converts a row (Tachi\'s "Should return a dryScore on valid input")', async (t) => {
  const res = conv();
  t.equal(res.chart.chartID, '5088a4d0e1ee9d0cc2f625934306e45b1a60699b');
  t.equal(res.song.id, 1);
  t.strictSame(res.dryScore, {
    game: 'sdvx',
    service: 'e-amusement',
    importType: 'file/eamusement-sdvx-csv',
    comment: null,
    timeAchieved: null,
    scoreData: { score: 9310699, lamp: 'EXCESSIVE CLEAR', judgements: {}, optional: { exScore: null } },
    scoreMeta: {},
  });
  t.strictSame(conv({ exscore: '5730' }).dryScore.scoreData.optional, { exScore: 5730 });
  t.equal(conv({ lamp: 'PERFECT' }).dryScore.scoreData.lamp, 'PERFECT ULTIMATE CHAIN');
  t.equal(conv({ lamp: 'PLAYED' }).dryScore.scoreData.lamp, 'FAILED');
  t.equal(conv({ difficulty: 'INFINITE', level: '17' }).chart.chartID, 'ebf6f2996979997cc063ba4ef1e954cba70b4ea0');
});

t.test('per-score failures, Tachi\'s messages', async (t) => {
  const fails = (patch: Partial<SDVXEamusementCSVData>, type: string, message: string) => scoreFailure(t, () => conv(patch), type, message);
  fails({ difficulty: 'INVALID' }, 'InvalidDatapoint', 'ALBIDA Powerless Mix - Invalid difficulty of INVALID.');
  fails({ difficulty: 'toString' }, 'InvalidDatapoint', 'ALBIDA Powerless Mix - Invalid difficulty of toString.');
  fails({ title: 'INVALID SONG' }, 'SongOrChartNotFound', 'Could not find song for INVALID SONG.');
  fails({ title: 'albida powerless mix' }, 'SongOrChartNotFound', 'Could not find song for albida powerless mix.');
  fails({ difficulty: 'VIVID' }, 'SongOrChartNotFound', 'Could not find chart for ALBIDA Powerless Mix [VVD].');
  fails({ level: '17' }, 'InvalidDatapoint', 'ALBIDA Powerless Mix [ADV] - Should be level 10, but found level 17.');
  fails({ score: 'not a number' }, 'InvalidDatapoint', 'ALBIDA Powerless Mix [ADV] - Invalid score of not a number. (Not an integer -- not a number.)');
  fails({ score: '10000001' }, 'InvalidDatapoint', 'ALBIDA Powerless Mix [ADV] - Invalid score of 10000001 (was greater than 10,000,000).');
  fails({ score: '-1' }, 'InvalidDatapoint', 'ALBIDA Powerless Mix [ADV] - Invalid score of -1. (Was negative -- -1.)');
  fails({ exscore: 'x' }, 'InvalidDatapoint', 'ALBIDA Powerless Mix [ADV] - Invalid EX score of 9310699. (Not an integer -- x.)');
  fails({ lamp: 'INVALID' }, 'InvalidDatapoint', 'ALBIDA Powerless Mix [ADV] - Invalid lamp of INVALID.');
});

t.test('every row of Tachi\'s CSV converts or fails per score, never otherwise', async (t) => {
  const parsed = await parse(CSV);
  let ok = 0;
  for (const row of parsed.datapoints) {
    try {
      mod.convert(row, parsed.context, charts);
      ok++;
    } catch (err) {
      t.ok(err instanceof ScoreFailure, String(err));
    }
  }
  t.ok(ok > 150, `${ok} of 204 rows found their chart`);
});
