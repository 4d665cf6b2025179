/**
 * file/mypagescraper-records-csv and file/mypagescraper-player-csv: Tachi's parser and converter
 * tests (import-types/file/wacca-mypage-scraper) against the bundled WACCA seeds, with Tachi's test
 * records CSV (cg505's records dump).
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { GameCharts } from '../../src/charts/chart-index.ts';
import { fatal, scoreFailure } from './tachi-formats-helpers.ts';
import { loadBundledGame } from '../../src/game-data.ts';
import { fileMyPageScraperRecordsCSV as records } from '../../src/import-types/file/mypagescraper-records-csv/index.ts';
import { fileMyPageScraperPlayerCSV as player } from '../../src/import-types/file/mypagescraper-player-csv/index.ts';
import type { MyPageRecordsParsedPB } from '../../src/import-types/file/mypagescraper-records-csv/parse.ts';

const charts = new GameCharts(loadBundledGame('wacca'));
const CSV = readFileSync(new URL('../fixtures/import-types/mypagescraper-records.csv', import.meta.url));
const input = (content: Buffer | string) => ({ content: Buffer.from(content), submittedAt: 0, options: {} });
const HEADER = 'music_id,music_title,music_artist,music_genre,music_levels,music_play_counts,music_scores,music_achieves';
const PLAYER_HEADER =
  'player_name,player_level,player_rate,player_stage,player_play_count,player_play_count_versus,player_play_count_coop,player_total_rp_earned,player_total_rp_spent';

t.test('records: Tachi\'s test CSV has 280 PBs', async (t) => {
  const parsed = await records.parse(input(CSV));
  t.equal(parsed.game, 'wacca');
  t.equal(parsed.datapoints.length, 280);
  t.equal(parsed.classes, null);
});

t.test('records: one line, the played chart only', async (t) => {
  const parsed = await records.parse(input(`${HEADER}\n3080,Avenue,aran,6,"[3,7+,12+,0]","[0,0,12]","[0,0,996952]","[0,0,3]"`));
  t.strictSame(parsed.datapoints, [{ songId: 3080, songTitle: 'Avenue', diffIndex: 2, level: '12+', score: 996952, lamp: 3 }]);
});

t.test('records: fatal errors, Tachi\'s messages', async (t) => {
  const fails = (content: string, message: string) => fatal(t, () => records.parse(input(content)), 400, message);
  await fails(
    `${HEADER}\nAvenue,aran,6,"[3,7+,12+,0]","[0,0,12]","[0,0,996952]","[0,0,3]"`,
    'Failed to parse CSV: Invalid Record Length: columns length is 8, got 7 on line 2',
  );
  await fails(
    'music_id,not_music_title,music_artist,music_genre,music_levels,music_play_counts,music_scores,music_achieves\n3080,Avenue,aran,6,"[3,7+,12+,0]","[0,0,12]","[0,0,996952]","[0,0,3]"',
    'Malformed CSV, invalid column(s) (music_title: undefined): Expected string.',
  );
  await fails('music_id,music_title,music_levels,music_scores\n3080,Avenue,"[3,7+,12+,0]","[0,0,996952]"', 'Malformed CSV, invalid column(s) (music_achieves: undefined): Expected string.');
  await fails(`${HEADER}\n3080,"Avenue,aran`, 'Failed to parse CSV: Quote Not Closed: the parsing is finished with an opening quote at line 2');
});

const PUPA: MyPageRecordsParsedPB = { songId: 2085, songTitle: 'PUPA', diffIndex: 2, level: '13+', score: 996827, lamp: 2 };
const conv = (patch: Partial<MyPageRecordsParsedPB> = {}) => records.convert({ ...PUPA, ...patch }, { game: 'wacca' }, charts);

t.test('records: converts a PB (Tachi\'s converter test)', async (t) => {
  const res = conv();
  t.equal(res.chart.chartID, '2abcf2da86f3d968dbe07695ab7ebf6b79cb0841');
  t.equal(res.song.id, 77);
  t.strictSame(res.dryScore, {
    game: 'wacca',
    service: 'mypage-scraper',
    importType: 'file/mypagescraper-records-csv',
    comment: null,
    timeAchieved: null,
    scoreData: { score: 996827, lamp: 'MISSLESS', judgements: {}, optional: {} },
    scoreMeta: {},
  });
  t.equal(conv({ lamp: 4 }).dryScore.scoreData.lamp, 'ALL MARVELOUS');
  t.equal(conv({ lamp: 0 }).dryScore.scoreData.lamp, 'FAILED');
});

t.test('records: per-score failures', async (t) => {
  const fails = (patch: Partial<MyPageRecordsParsedPB>, type: string, message: string) => scoreFailure(t, () => conv(patch), type, message);
  fails({ diffIndex: 4 }, 'InvalidDatapoint', 'Invalid difficulty index of 4. This corresponds to some unknown difficulty. Invalid input?');
  fails({ songTitle: 'INVALID SONG' }, 'SongOrChartNotFound', 'Could not find song for INVALID SONG.');
  fails({ diffIndex: 3 }, 'SongOrChartNotFound', 'Could not find chart for PUPA [INFERNO].');
  fails({ level: '12' }, 'InvalidDatapoint', 'PUPA [EXPERT] - Should be level 13+, but found level 12.');
  fails({ lamp: 5 }, 'InvalidDatapoint', 'PUPA [EXPERT] - Invalid lamp of 5.');
  fails({ lamp: Number.NaN }, 'InvalidDatapoint', 'PUPA [EXPERT] - Invalid lamp of NaN.');
});

t.test('player: the stage-up class, no scores', async (t) => {
  const parsed = await player.parse(input(`${PLAYER_HEADER}\ncg505,120,2704,"[12,ステージXII,2]",1274,57,0,2088515,531325`));
  t.equal(parsed.game, 'wacca');
  t.strictSame(parsed.datapoints, []);
  t.strictSame(parsed.classes, { Single: { stageUp: 'XII' } });
  const first = await player.parse(input('player_stage\n"[1,ステージI,0]"'));
  t.strictSame(first.classes, { Single: { stageUp: 'I' } });
  const last = await player.parse(input('player_stage\n"[14,ステージXIV,3]"'));
  t.strictSame(last.classes, { Single: { stageUp: 'XIV' } });
});

t.test('player: fatal errors, Tachi\'s messages', async (t) => {
  const fails = (content: string, message: string) => fatal(t, () => player.parse(input(content)), 400, message);
  await fails(
    `${PLAYER_HEADER}\ncg505,2704,"[12,ステージXII,2]",1274,57,0,2088515,531325`,
    'Failed to parse CSV: Invalid Record Length: columns length is 9, got 8 on line 2',
  );
  await fails(
    'player_name,player_level,player_rate,player_play_count,player_play_count_versus,player_play_count_coop,player_total_rp_earned,player_total_rp_spent\ncg505,120,2704,1274,57,0,2088515,531325',
    'Malformed CSV: no player_stage column.',
  );
  await fails('player_stage\n"[12,ステージXII]"', 'Malformed player_stage entry.');
  await fails('player_stage\n"[15,ステージXV,0]"', 'Unknown stage up id 15.');
  await fails('player_stage\n"[0,ステージ0,0]"', 'Unknown stage up id 0.');
  await fails('player_stage\n', 'Found 0 records instead of exactly 1 in the player CSV.');
  await fails('player_stage\n"[1,a,0]"\n"[2,b,0]"', 'Found 2 records instead of exactly 1 in the player CSV.');
});
