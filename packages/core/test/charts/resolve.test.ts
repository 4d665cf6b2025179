import t from 'tap';
import type { BatchManualContext, BatchManualScore } from '../../src/import-types/batch-manual/index.ts';
import { GameCharts } from '../../src/charts/chart-index.ts';
import { resolveChart as resolve } from '../../src/charts/resolve.ts';
import { loadBundledGame } from '../../src/game-data.ts';
import { failure } from '../games/helpers.ts';

// Expected chart ids, titles and messages come from the seed JSON and spec §3.4 / §5.3.
const index = { sdvx: new GameCharts(loadBundledGame('sdvx')), chunithm: new GameCharts(loadBundledGame('chunithm')) } as Record<string, GameCharts>;

const resolveChart = (charts: Record<string, GameCharts>, score: BatchManualScore, ctx: BatchManualContext) => resolve(charts[ctx.game], score, ctx);

const SDVX: BatchManualContext = { service: 'foo', game: 'sdvx', playtype: 'Single', version: null };
const CHUNI: BatchManualContext = { service: 'foo', game: 'chunithm', playtype: 'Single', version: null };

const ALBIDA_ADV = '5088a4d0e1ee9d0cc2f625934306e45b1a60699b';
const ALBIDA_INF = 'ebf6f2996979997cc063ba4ef1e954cba70b4ea0';
const BBKKBKK_BASIC = 'c4268f2cbc90d2f08eb2fb5a13d044f1554bd91d';

const sdvxScore = (s: Partial<BatchManualScore>): BatchManualScore =>
  ({ score: 9_000_000, lamp: 'CLEAR', matchType: 'sdvxInGameID', identifier: '1', difficulty: 'ADV', ...s }) as BatchManualScore;
const chuniScore = (s: Partial<BatchManualScore>): BatchManualScore =>
  ({ score: 900_000, noteLamp: 'NONE', clearLamp: 'CLEAR', matchType: 'songTitle', identifier: 'B.B.K.K.B.K.K.', difficulty: 'BASIC', ...s }) as BatchManualScore;

t.test('unsupported matchTypes', async (t) => {
  failure(t, () => resolveChart(index, sdvxScore({ matchType: 'bmsChartHash' }), SDVX), 'InvalidDatapoint',
    'Cannot use matchType bmsChartHash for SOUND VOLTEX. Expected any of sdvxInGameID, songTitle, tachiSongID.');
  failure(t, () => resolveChart(index, sdvxScore({ matchType: 'inGameID' }), SDVX), 'InvalidDatapoint',
    "Cannot use matchType inGameID for SOUND VOLTEX. Use 'sdvxInGameID' instead.");
  failure(t, () => resolveChart(index, chuniScore({ matchType: 'sdvxInGameID' }), CHUNI), 'InvalidDatapoint',
    'Cannot use matchType sdvxInGameID for CHUNITHM. Expected any of inGameID, songTitle, tachiSongID.');
  failure(t, () => resolveChart(index, chuniScore({ matchType: 'BAD_MATCHTYPE' as never }), CHUNI), 'InvalidDatapoint',
    'Cannot use matchType BAD_MATCHTYPE for CHUNITHM. Expected any of inGameID, songTitle, tachiSongID.');
});

t.test('sdvxInGameID', async (t) => {
  t.test('"1" ADV is ALBIDA Powerless Mix ADV', async (t) => {
    const { song, chart } = resolveChart(index, sdvxScore({}), SDVX);
    t.equal(song.id, 1);
    t.equal(song.title, 'ALBIDA Powerless Mix');
    t.equal(chart.chartID, ALBIDA_ADV);
    t.equal(chart.levelNum, 10);
  });

  t.test('ANY_INF resolves the song\'s INF-family chart', async (t) => {
    t.equal(resolveChart(index, sdvxScore({ difficulty: 'ANY_INF' }), SDVX).chart.chartID, ALBIDA_INF);
    const xcd = resolveChart(index, sdvxScore({ identifier: '8', difficulty: 'ANY_INF' }), SDVX);
    t.equal(xcd.chart.chartID, '1468f2cc24449b3fb0c6ac533e0f69f466497dc0');
    t.equal(xcd.chart.difficulty, 'XCD');
    t.equal(xcd.song.title, 'smooooch・∀・ KN mix');
  });

  t.test('not found', async (t) => {
    failure(t, () => resolveChart(index, sdvxScore({ identifier: '9999999' }), SDVX), 'SongOrChartNotFound',
      'Cannot find SDVX chart with inGameID 9999999, difficulty ADV and version null.');
    failure(t, () => resolveChart(index, sdvxScore({ identifier: '1', difficulty: 'MXM' }), SDVX), 'SongOrChartNotFound',
      'Cannot find SDVX chart with inGameID 1, difficulty MXM and version null.');
    failure(t, () => resolveChart(index, sdvxScore({ identifier: 'abc' }), SDVX), 'SongOrChartNotFound',
      'Cannot find SDVX chart with inGameID NaN, difficulty ADV and version null.');
    failure(t, () => resolveChart(index, sdvxScore({ identifier: '9999999', difficulty: 'ANY_INF' }), SDVX), 'SongOrChartNotFound',
      'Cannot find SDVX chart with inGameID 9999999, difficulty ANY_INF and version null.');
  });

  t.test('difficulty must be an SDVX difficulty or ANY_INF', async (t) => {
    const msg = (d: string) =>
      `Invalid difficulty '${d}', Expected any of NOV, ADV, EXH, INF, GRV, HVN, VVD, XCD, MXM, ULT or ANY_INF`;
    failure(t, () => resolveChart(index, sdvxScore({ difficulty: 'BASIC' }), SDVX), 'InvalidDatapoint', msg('BASIC'));
    failure(t, () => resolveChart(index, sdvxScore({ difficulty: 'adv' }), SDVX), 'InvalidDatapoint', msg('adv'));
    failure(t, () => resolveChart(index, sdvxScore({ difficulty: undefined }), SDVX), 'InvalidDatapoint', msg('undefined'));
  });

  t.test('versions', async (t) => {
    t.equal(resolveChart(index, sdvxScore({}), { ...SDVX, version: 'booth' }).chart.chartID, ALBIDA_ADV);
    t.equal(resolveChart(index, sdvxScore({ identifier: '8', difficulty: 'XCD' }), { ...SDVX, version: 'exceed' }).chart.chartID,
      '1468f2cc24449b3fb0c6ac533e0f69f466497dc0');
    failure(t, () => resolveChart(index, sdvxScore({ identifier: '8', difficulty: 'XCD' }), { ...SDVX, version: 'vivid' }),
      'SongOrChartNotFound', 'Cannot find SDVX chart with inGameID 8, difficulty XCD and version vivid.');
    failure(t, () => resolveChart(index, sdvxScore({}), { ...SDVX, version: 'nonsense' }), 'InvalidDatapoint',
      'Unsupported version nonsense. Expected any of booth, inf, gw, heaven, vivid, exceed, konaste.');
  });
});

t.test('songTitle', async (t) => {
  t.test('case-insensitive exact title', async (t) => {
    const res = resolveChart(index, sdvxScore({ matchType: 'songTitle', identifier: 'albida POWERLESS mix' }), SDVX);
    t.equal(res.song.id, 1);
    t.equal(res.chart.chartID, ALBIDA_ADV);
    const chuni = resolveChart(index, chuniScore({}), CHUNI);
    t.equal(chuni.song.id, 3);
    t.equal(chuni.chart.chartID, BBKKBKK_BASIC);
  });

  t.test('alt titles', async (t) => {
    const res = resolveChart(index, sdvxScore({ matchType: 'songTitle', identifier: 'Alice Maestera', difficulty: 'EXH' }), SDVX);
    t.equal(res.song.id, 781);
    t.equal(res.song.title, 'Alice Maestera feat. nomico');
    t.equal(res.chart.songID, 781);
    t.equal(res.chart.difficulty, 'EXH');
  });

  t.test('ambiguous titles', async (t) => {
    failure(t, () => resolveChart(index, sdvxScore({ matchType: 'songTitle', identifier: 'prayer' }), SDVX), 'AmbiguousTitle',
      'Multiple songs exist with the case-insensitive title prayer. We cannot resolve this. Please try adding an artist field.');
    t.equal(resolveChart(index, sdvxScore({ matchType: 'songTitle', identifier: 'prayer', artist: 'ぺのれり' }), SDVX).song.id, 803);
    failure(t, () => resolveChart(index, chuniScore({ identifier: 'flower' }), CHUNI), 'AmbiguousTitle',
      'Multiple songs exist with the case-insensitive title flower. We cannot resolve this. Please try adding an artist field.');
    t.equal(resolveChart(index, chuniScore({ identifier: 'flower', artist: 'DJ YOSHITAKA' }), CHUNI).song.id, 203);
    failure(t, () => resolveChart(index, chuniScore({ identifier: 'go' }), CHUNI), 'AmbiguousTitle',
      'Multiple songs exist with the case-insensitive title go. We cannot resolve this. Please try adding an artist field.');
    // both "GO"s share an artist
    failure(t, () => resolveChart(index, chuniScore({ identifier: 'go', artist: 'bump of chicken「グランブルーファンタジー」' }), CHUNI),
      'AmbiguousTitle',
      'Multiple songs exist with the case-insensitive title go by artist bump of chicken「グランブルーファンタジー」. We cannot resolve this. Please try and use a different song resolution method.');
    // null and empty artists mean "no artist"
    failure(t, () => resolveChart(index, chuniScore({ identifier: 'go', artist: null }), CHUNI), 'AmbiguousTitle',
      'Multiple songs exist with the case-insensitive title go. We cannot resolve this. Please try adding an artist field.');
  });

  t.test('not found', async (t) => {
    failure(t, () => resolveChart(index, sdvxScore({ matchType: 'songTitle', identifier: 'INVALID_TITLE' }), SDVX),
      'SongOrChartNotFound', 'Cannot find song with title INVALID_TITLE.');
    failure(t, () => resolveChart(index, sdvxScore({ matchType: 'songTitle', identifier: 'prayer', artist: 'nobody' }), SDVX),
      'SongOrChartNotFound', 'Cannot find song with title prayer.');
    failure(t, () => resolveChart(index, chuniScore({ identifier: '天体観測', difficulty: 'ULTIMA' }), CHUNI),
      'SongOrChartNotFound', 'Cannot find chart for 天体観測 (Single ULTIMA)');
  });

  t.test('difficulty', async (t) => {
    failure(t, () => resolveChart(index, chuniScore({ difficulty: undefined }), CHUNI), 'InvalidDatapoint',
      "Missing 'difficulty' field, but was necessary for this lookup.");
    failure(t, () => resolveChart(index, chuniScore({ difficulty: null }), CHUNI), 'InvalidDatapoint',
      "Missing 'difficulty' field, but was necessary for this lookup.");
    failure(t, () => resolveChart(index, chuniScore({ difficulty: '' }), CHUNI), 'InvalidDatapoint',
      "Missing 'difficulty' field, but was necessary for this lookup.");
    failure(t, () => resolveChart(index, chuniScore({ difficulty: 'NOT_VALID_DIFFICULTY' }), CHUNI), 'InvalidDatapoint',
      'Invalid Difficulty for chunithm Single - Expected any of BASIC, ADVANCED, EXPERT, MASTER, ULTIMA (Got NOT_VALID_DIFFICULTY)');
    failure(t, () => resolveChart(index, chuniScore({ difficulty: "WORLD'S END" }), CHUNI), 'InvalidDatapoint',
      "WORLD'S END is not supported. Sorry.");
    failure(t, () => resolveChart(index, sdvxScore({ matchType: 'songTitle', identifier: 'ALBIDA Powerless Mix', difficulty: 'ANY_INF' }), SDVX),
      'InvalidDatapoint', 'Invalid Difficulty for sdvx Single - Expected any of NOV, ADV, EXH, INF, GRV, HVN, VVD, XCD, MXM, ULT (Got ANY_INF)');
  });

  t.test('versions', async (t) => {
    t.equal(resolveChart(index, chuniScore({}), { ...CHUNI, version: 'sun' }).chart.chartID, BBKKBKK_BASIC);
    // unknown versions are not rejected, they just match nothing
    failure(t, () => resolveChart(index, chuniScore({}), { ...CHUNI, version: 'nonsense' }), 'SongOrChartNotFound',
      'Cannot find chart for B.B.K.K.B.K.K. (Single BASIC)');
  });
});

t.test('tachiSongID', async (t) => {
  t.test('resolves by song id', async (t) => {
    const res = resolveChart(index, sdvxScore({ matchType: 'tachiSongID', identifier: '1' }), SDVX);
    t.equal(res.chart.chartID, ALBIDA_ADV);
    // songID 0 exists in CHUNITHM and "0" is a legal identifier
    const zero = resolveChart(index, chuniScore({ matchType: 'tachiSongID', identifier: '0' }), CHUNI);
    t.equal(zero.song.title, '天体観測');
    t.equal(zero.chart.chartID, '630e9d9417133e79cf65e0d2e594048643a3042b');
    t.equal(resolveChart(index, chuniScore({ matchType: 'tachiSongID', identifier: '3' }), CHUNI).chart.chartID, BBKKBKK_BASIC);
    t.equal(resolveChart(index, chuniScore({ matchType: 'tachiSongID', identifier: '003' }), CHUNI).song.id, 3);
  });

  t.test('identifier must be a stringified non-negative integer', async (t) => {
    const pre = 'Invalid songID - must be a stringified positive integer.';
    const tsid = (identifier: string) => () => resolveChart(index, chuniScore({ matchType: 'tachiSongID', identifier }), CHUNI);
    failure(t, tsid('-1'), 'InvalidDatapoint', `${pre} (Was negative -- -1.)`);
    failure(t, tsid('1.5'), 'InvalidDatapoint', `${pre} (Not an integer -- 1.5.)`);
    failure(t, tsid('abc'), 'InvalidDatapoint', `${pre} (Not an integer -- abc.)`);
    failure(t, tsid(''), 'InvalidDatapoint', `${pre} (Not an integer -- .)`);
    failure(t, tsid(' 1'), 'InvalidDatapoint', `${pre} (Not an integer --  1.)`);
    failure(t, tsid('99999999999999999999'), 'InvalidDatapoint', `${pre} (Not an integer -- 99999999999999999999.)`);
  });

  t.test('not found', async (t) => {
    failure(t, () => resolveChart(index, sdvxScore({ matchType: 'tachiSongID', identifier: '0' }), SDVX), 'SongOrChartNotFound',
      'Cannot find song with songID 0.');
    failure(t, () => resolveChart(index, sdvxScore({ matchType: 'tachiSongID', identifier: '90000' }), SDVX), 'SongOrChartNotFound',
      'Cannot find song with songID 90000.');
    failure(t, () => resolveChart(index, sdvxScore({ matchType: 'tachiSongID', identifier: '8', difficulty: 'XCD' }), { ...SDVX, version: 'vivid' }),
      'SongOrChartNotFound', 'Cannot find chart for smooooch・∀・ KN mix (Single XCD)');
    t.equal(resolveChart(index, sdvxScore({ matchType: 'tachiSongID', identifier: '8', difficulty: 'XCD' }), { ...SDVX, version: 'exceed' }).chart.chartID,
      '1468f2cc24449b3fb0c6ac533e0f69f466497dc0');
  });
});

t.test('inGameID (CHUNITHM)', async (t) => {
  const igid = (identifier: string, difficulty?: string | null) => chuniScore({ matchType: 'inGameID', identifier, difficulty });
  t.equal(resolveChart(index, igid('3', 'BASIC'), CHUNI).chart.chartID, BBKKBKK_BASIC);
  t.equal(resolveChart(index, igid('0', 'MASTER'), CHUNI).chart.chartID, '51c2615e51cf4f954141354d2f73475ed31c3655');
  failure(t, () => resolveChart(index, igid('999999', 'BASIC'), CHUNI), 'SongOrChartNotFound', 'Cannot find chart for inGameID 999999 (Single).');
  failure(t, () => resolveChart(index, igid('0', 'ULTIMA'), CHUNI), 'SongOrChartNotFound', 'Cannot find chart for inGameID 0 (Single).');
  failure(t, () => resolveChart(index, igid('abc', 'BASIC'), CHUNI), 'SongOrChartNotFound', 'Cannot find chart for inGameID abc (Single).');
  // missing difficulty goes through the difficulty check, which prints it
  failure(t, () => resolveChart(index, igid('3', undefined), CHUNI), 'InvalidDatapoint',
    'Invalid Difficulty for chunithm Single - Expected any of BASIC, ADVANCED, EXPERT, MASTER, ULTIMA (Got undefined)');
  failure(t, () => resolveChart(index, igid('3', "WORLD'S END"), CHUNI), 'InvalidDatapoint', "WORLD'S END is not supported. Sorry.");
  // song 0's BASIC is only in paradiselost and the omni versions
  t.equal(resolveChart(index, igid('0', 'BASIC'), { ...CHUNI, version: 'verse-omni' }).chart.chartID, '630e9d9417133e79cf65e0d2e594048643a3042b');
  failure(t, () => resolveChart(index, igid('0', 'BASIC'), { ...CHUNI, version: 'sun' }), 'SongOrChartNotFound',
    'Cannot find chart for inGameID 0 (Single).');
});
