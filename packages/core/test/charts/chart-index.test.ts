import t from 'tap';
import { ChartIndex, foldCase, GameCharts } from '../../src/charts/chart-index.ts';
import { loadBundledGame } from '../../src/game-data.ts';
import type { ChartDocument, GameName, SongDocument } from '../../src/games/types.ts';

// Expected ids and counts are seed facts (spec §5.3, data/ORIGIN.md), read from the JSON by hand.
const data = { sdvx: loadBundledGame('sdvx'), chunithm: loadBundledGame('chunithm') };
const started = performance.now();
const games = { sdvx: new GameCharts(data.sdvx), chunithm: new GameCharts(data.chunithm) } as Record<GameName, GameCharts>;
const buildMs = performance.now() - started;
/** the old all-games surface, over the per-game indexes */
const index = {
  songs: (g: GameName) => games[g].songs,
  charts: (g: GameName) => games[g].charts,
  songByID: (g: GameName, id: number) => games[g].song(id),
  chartByID: (g: GameName, id: string) => games[g].chart(id),
  chartsForSong: (g: GameName, songID: number, pt: string, df: string) => games[g].chartsForSong(songID, pt, df),
  findChartForSong: (g: GameName, songID: number, pt: string, df: string, v: string | null) => games[g].findChartForSong(songID, pt, df, v),
  chartsByInGameID: (g: GameName, id: number, df: string, pt?: string) =>
    games[g].chartsWhere('inGameID', id).filter((c) => c.difficulty === df && (pt === undefined || c.playtype === pt)),
  findChartByInGameID: (g: GameName, id: number, dfs: readonly string[], v: string | null, pt?: string) =>
    games[g].findChartWhere('inGameID', id, { difficulties: dfs, version: v, playtype: pt }),
  findSongsByTitle: (g: GameName, title: string, artist?: string | null, limit = 2) => games[g].findSongsByTitle(title, artist ?? null, limit),
};

t.test('bundled data is the Tachi seed set', async (t) => {
  t.equal(data.sdvx.songs.length, 2239);
  t.equal(data.sdvx.charts.length, 8307);
  t.equal(data.chunithm.songs.length, 1730);
  t.equal(data.chunithm.charts.length, 7003);
  t.equal(index.songs('sdvx').length, 2239);
  t.equal(index.charts('chunithm').length, 7003);
});

t.test('builds well under a second', async (t) => {
  t.ok(buildMs < 1000, `built in ${buildMs.toFixed(0)} ms`);
});

t.test('songs and charts by id', async (t) => {
  t.equal(index.songByID('sdvx', 1)?.title, 'ALBIDA Powerless Mix');
  t.equal(index.songByID('chunithm', 0)?.title, '天体観測');
  t.equal(index.songByID('sdvx', 0), null, 'SDVX has no song 0');
  t.equal(index.songByID('chunithm', 99999), null);
  t.match(index.chartByID('sdvx', '5088a4d0e1ee9d0cc2f625934306e45b1a60699b'), { songID: 1, difficulty: 'ADV', level: '10' });
  t.match(index.chartByID('chunithm', 'c4268f2cbc90d2f08eb2fb5a13d044f1554bd91d'), { songID: 3, difficulty: 'BASIC', level: '3' });
  t.equal(index.chartByID('sdvx', 'c4268f2cbc90d2f08eb2fb5a13d044f1554bd91d'), null, 'per game');
});

t.test('charts by song, playtype and difficulty', async (t) => {
  t.same(
    index.chartsForSong('sdvx', 1, 'Single', 'INF').map((c) => c.chartID),
    ['ebf6f2996979997cc063ba4ef1e954cba70b4ea0'],
  );
  t.same(index.chartsForSong('sdvx', 1, 'Single', 'MXM'), []);
  t.equal(index.findChartForSong('sdvx', 1, 'Single', 'ADV', null)?.chartID, '5088a4d0e1ee9d0cc2f625934306e45b1a60699b');
  t.equal(index.findChartForSong('sdvx', 1, 'Single', 'ADV', 'booth')?.chartID, '5088a4d0e1ee9d0cc2f625934306e45b1a60699b');
  t.equal(index.findChartForSong('sdvx', 1, 'Single', 'ADV', 'nonsense'), null);
  // song 8's XCD is only in exceed
  t.equal(index.findChartForSong('sdvx', 8, 'Single', 'XCD', 'exceed')?.chartID, '1468f2cc24449b3fb0c6ac533e0f69f466497dc0');
  t.equal(index.findChartForSong('sdvx', 8, 'Single', 'XCD', 'vivid'), null);
});

t.test('charts by inGameID', async (t) => {
  t.same(index.chartsByInGameID('sdvx', 1, 'ADV').map((c) => c.chartID), ['5088a4d0e1ee9d0cc2f625934306e45b1a60699b']);
  t.same(index.chartsByInGameID('chunithm', 3, 'BASIC', 'Single').map((c) => c.chartID), ['c4268f2cbc90d2f08eb2fb5a13d044f1554bd91d']);
  t.same(index.chartsByInGameID('chunithm', 3, 'BASIC', 'Double'), []);
  t.same(index.chartsByInGameID('sdvx', Number.NaN, 'ADV'), []);
  t.equal(
    index.findChartByInGameID('sdvx', 8, ['INF', 'GRV', 'HVN', 'VVD', 'XCD'], null)?.chartID,
    '1468f2cc24449b3fb0c6ac533e0f69f466497dc0',
  );
  t.equal(index.findChartByInGameID('sdvx', 8, ['XCD'], 'vivid'), null);
});

t.test('array inGameIDs match any of their elements (Mongo array equality)', async (t) => {
  const song: SongDocument = { id: 1, title: 'T', artist: 'A', altTitles: [], searchTerms: [], data: {} };
  const chart = (chartID: string, inGameID: number | number[], difficulty = 'BASIC', isPrimary = true): ChartDocument => ({
    chartID, songID: 1, difficulty, level: '1', levelNum: 1, playtype: 'Single', isPrimary, versions: ['sun'], data: { inGameID },
  });
  const idx = await ChartIndex.fromDocuments({
    chunithm: { songs: [song], charts: [chart('a', [10, 11]), chart('b', 12), chart('c', [11], 'BASIC', false)] },
  }).game('chunithm');
  t.same(idx.chartsWhere('inGameID', 10).map((c) => c.chartID), ['a']);
  t.same(idx.chartsWhere('inGameID', 11).map((c) => c.chartID), ['a', 'c']);
  t.same(idx.chartsWhere('inGameID', 12).map((c) => c.chartID), ['b']);
  // without a version only primary charts count; with one, the first chart in that version
  t.equal(idx.findChartWhere('inGameID', 11, { difficulties: ['BASIC'], version: null, playtype: 'Single' })?.chartID, 'a');
  t.equal(idx.findChartWhere('inGameID', 11, { difficulties: ['BASIC'], version: 'sun', playtype: 'Single' })?.chartID, 'a');
  t.equal((await ChartIndex.fromDocuments({}).game('pms')).empty, true, 'a game without data is an empty index');
});

t.test('title lookup: case-insensitive exact title or altTitle, optional artist', async (t) => {
  const ids = (songs: SongDocument[]) => songs.map((s) => s.id);
  t.same(ids(index.findSongsByTitle('sdvx', 'albida powerless mix')), [1]);
  t.same(ids(index.findSongsByTitle('sdvx', 'ALBIDA POWERLESS MIX')), [1]);
  t.same(ids(index.findSongsByTitle('sdvx', 'ALBIDA')), [], 'exact, not a prefix');
  t.same(ids(index.findSongsByTitle('sdvx', 'ALBIDA Powerless Mix ')), [], 'no trimming');
  t.same(ids(index.findSongsByTitle('sdvx', 'alice maestera')), [781], 'altTitle of "Alice Maestera feat. nomico"');
  t.same(ids(index.findSongsByTitle('sdvx', 'prayer')), [803, 2129]);
  t.same(ids(index.findSongsByTitle('sdvx', 'prayer', 'ぺのれり')), [803]);
  t.same(ids(index.findSongsByTitle('sdvx', 'Prayer(ぺのれり)')), [803]);
  t.same(ids(index.findSongsByTitle('sdvx', 'prayer', 'nobody')), []);
  t.same(ids(index.findSongsByTitle('chunithm', 'flower')), [203, 2663]);
  t.same(ids(index.findSongsByTitle('chunithm', 'flower', 'dj yoshitaka')), [203]);
  t.same(ids(index.findSongsByTitle('chunithm', 'go', 'BUMP OF CHICKEN「グランブルーファンタジー」')), [723, 808]);
  t.same(ids(index.findSongsByTitle('chunithm', 'b.b.k.k.b.k.k.')), [3]);
  t.same(ids(index.findSongsByTitle('chunithm', 'B.B.K.K.B.K.K', null)), [], 'regex metacharacters are literal');
  t.same(ids(index.findSongsByTitle('chunithm', 'B.B.K.K.B.K.K.X')), []);
  t.equal(index.findSongsByTitle('sdvx', 'prayer', null, 1).length, 1, 'limit');
  t.same(ids(index.findSongsByTitle('sdvx', 'life is beautiful')), [162, 1264]);
});

t.test('foldCase', async (t) => {
  t.equal(foldCase('ABC def'), 'abc def');
  t.equal(foldCase('ΣΟΦΟΣ'), foldCase('σοφος'));
  t.equal(foldCase('ς'), foldCase('σ'), 'final sigma folds like Σ');
  t.equal(foldCase('ＡＢＣ'), 'ａｂｃ', 'full-width letters');
  t.not(foldCase('ß'), foldCase('ss'), 'no multi-character expansion');
  t.equal(foldCase('天体観測'), '天体観測');
});
