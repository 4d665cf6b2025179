/**
 * Realistic BATCH-MANUAL files from the bundled chart data, for the benchmarks.
 *
 * A file is one player's history in one game (SDVX, CHUNITHM, maimai DX, pop'n music or
 * O.N.G.E.K.I.): a skill level, a set of favourite charts played again and again plus charts of
 * their level, judgements drawn from how hard each chart is for them, and score and lamps computed
 * from the judgements the way the games do, so they always agree with the service's validators
 * (SDVX: PUC only with 10,000,000 and no near or miss, UC only without misses; CHUNITHM: AJC only
 * with 1,010,000, AJ ≥ 1,000,000, FC ≥ 500,000, clear lamps within their judgement limits; maimai
 * DX: 101% exactly for ALL PERFECT+, ≥ 100.5% for ALL PERFECT; pop'n: PERFECT without goods or
 * bads, FULL COMBO without bads, the medal's circle/diamond/star from the goods or bads;
 * O.N.G.E.K.I.: 1,010,000 only as ALL BREAK+ with FULL BELL, ALL BREAK without hits or misses,
 * FULL COMBO without misses, no LOSS with FULL BELL, platinum score ≤ the chart's maxPlatScore).
 * Plays come in sessions (15–70 plays a few minutes apart, sessions hours to days apart). Charts
 * are referred to by a mix of match types (in-game ID, song title (+ artist), Tachi song ID, pop'n
 * chart hash), each checked to resolve to the intended chart with the service's own resolver.
 * Everything comes from a seeded RNG, so a (game, size, seed, shape) always gives the same bytes.
 *
 * Shapes: `replays` (default) — favourites played again and again (a 5,000-score SDVX file touches
 * about 1,750 charts); `distinct` — every score on a different chart while the game has charts
 * left (a completionist, or an exporter that sends only best scores: one new PB per score).
 *
 *   node --import tsx bench/generate.ts sdvx 1000 seed [--shape distinct] [--check] > file.json
 */
import { GameCharts, gameModule, gpt, loadBundledGame, resolveChart, createScoreID, hydrateScore, importTypeModule, ScoreFailure } from '@score-import/core';
import type { BatchManualContext, BatchManualScore, ChartDocument, GameName, SongDocument } from '@score-import/core';
import { Rng } from './lib/rng.ts';

/** The games the generator makes files for. */
export const BENCH_GAMES = ['sdvx', 'chunithm', 'maimaidx', 'popn', 'ongeki'] as const;
export type BenchGame = (typeof BENCH_GAMES)[number];
export const isBenchGame = (g: unknown): g is BenchGame => (BENCH_GAMES as readonly unknown[]).includes(g);

/** The playtype a generated file is for (each of these games has one). */
export const playtypeOf = (game: BenchGame): string => gameModule(game).playtypes[0];

export type FileShape = 'replays' | 'distinct';

/** Every timestamp is before this instant (2025-01-01 12:00 UTC), so none is "in the future". */
export const HISTORY_END = Date.UTC(2025, 0, 1, 12);

interface Matcher {
  matchType: 'sdvxInGameID' | 'inGameID' | 'songTitle' | 'tachiSongID' | 'popnChartHash';
  identifier: string;
  /** absent for a chart hash (it names the chart) */
  difficulty?: string;
  artist?: string;
}

interface PoolChart {
  chart: ChartDocument;
  song: SongDocument;
  matchers: Matcher[];
}

interface GamePool {
  charts: PoolChart[];
}

const indexes = new Map<GameName, GameCharts>();
const pools = new Map<BenchGame, GamePool>();

/** A game's bundled songs and charts, indexed as the service indexes them. */
export function chartIndex(game: GameName): GameCharts {
  let index = indexes.get(game);
  if (!index) indexes.set(game, (index = new GameCharts(loadBundledGame(game))));
  return index;
}

const CONTEXT = (game: BenchGame): BatchManualContext => ({ service: 'bench', game, playtype: playtypeOf(game), version: null });

/** Charts a game's plays can be generated for (O.N.G.E.K.I.'s platinum score needs the chart's maximum). */
function playable(game: BenchGame, chart: ChartDocument): boolean {
  if (game === 'ongeki') return typeof chart.data.maxPlatScore === 'number' && (chart.data.maxPlatScore as number) >= 2;
  return true;
}

/** The charts a score can refer to, each with the match types that resolve to exactly it. */
function pool(game: BenchGame): GamePool {
  const cached = pools.get(game);
  if (cached) return cached;
  const idx = chartIndex(game);
  const playtype = playtypeOf(game);
  const { config } = gpt(game, playtype);
  const difficulties = config.difficulties.type === 'FIXED' ? config.difficulties.order : [];
  const context = CONTEXT(game);
  const resolvesTo = (m: Matcher, chart: ChartDocument): boolean => {
    try {
      const stub = { matchType: m.matchType, identifier: m.identifier, difficulty: m.difficulty ?? null, artist: m.artist ?? null } as BatchManualScore;
      return resolveChart(idx, stub, context).chart.chartID === chart.chartID;
    } catch {
      return false;
    }
  };
  const charts: PoolChart[] = [];
  for (const chart of idx.charts) {
    if (!chart.isPrimary || chart.playtype !== playtype || !difficulties.includes(chart.difficulty)) continue;
    if (!Number.isFinite(chart.levelNum) || chart.levelNum <= 0 || !playable(game, chart)) continue;
    const song = idx.song(chart.songID);
    if (!song) continue;
    const candidates: Matcher[] = [];
    const inGame = Array.isArray(chart.data.inGameID) ? chart.data.inGameID[0] : chart.data.inGameID;
    if (typeof inGame === 'number' && config.supportedMatchTypes.includes(game === 'sdvx' ? 'sdvxInGameID' : 'inGameID')) {
      candidates.push({ matchType: game === 'sdvx' ? 'sdvxInGameID' : 'inGameID', identifier: String(inGame), difficulty: chart.difficulty });
    }
    if (typeof chart.data.hashSHA256 === 'string' && config.supportedMatchTypes.includes('popnChartHash')) {
      candidates.push({ matchType: 'popnChartHash', identifier: chart.data.hashSHA256 });
    }
    if (config.supportedMatchTypes.includes('songTitle')) {
      candidates.push({ matchType: 'songTitle', identifier: song.title, difficulty: chart.difficulty });
      if (song.artist) candidates.push({ matchType: 'songTitle', identifier: song.title, difficulty: chart.difficulty, artist: song.artist });
    }
    candidates.push({ matchType: 'tachiSongID', identifier: String(song.id), difficulty: chart.difficulty });
    const matchers = candidates.filter((m) => resolvesTo(m, chart));
    if (matchers.length > 0) charts.push({ chart, song, matchers });
  }
  const p = { charts };
  pools.set(game, p);
  return p;
}

/** Picks a match type like real exporters do: mostly in-game IDs (or chart hashes), some titles and song IDs. */
function pickMatcher(rng: Rng, c: PoolChart): Matcher {
  const byType = (t: Matcher['matchType']) => c.matchers.filter((m) => m.matchType === t);
  const r = rng.next();
  const order: Matcher['matchType'][] =
    r < 0.75
      ? ['sdvxInGameID', 'inGameID', 'songTitle', 'tachiSongID', 'popnChartHash']
      : r < 0.92
        ? ['songTitle', 'popnChartHash', 'tachiSongID', 'sdvxInGameID', 'inGameID']
        : ['tachiSongID', 'sdvxInGameID', 'inGameID', 'songTitle', 'popnChartHash'];
  for (const t of order) {
    const list = byType(t);
    if (list.length > 0) return rng.pick(list);
  }
  return c.matchers[0];
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

function weightedSampler(rng: Rng, items: PoolChart[], weight: (c: PoolChart) => number): () => PoolChart {
  const cumulative: number[] = [];
  let total = 0;
  for (const c of items) {
    total += weight(c);
    cumulative.push(total);
  }
  return () => {
    const x = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo];
  };
}

interface Play {
  metrics: Record<string, unknown>;
  judgements: Record<string, number>;
  optional: Record<string, number>;
  /** provided metrics only: what makes a score unique (with the chart) */
  key: string;
}

/** SDVX: chips, nears and misses from how far the chart is above the player; score and lamp from those. */
function sdvxPlay(rng: Rng, chart: ChartDocument, skill: number): Play {
  const d = chart.levelNum - skill;
  const n = Math.round(clamp(400 + chart.levelNum * 90 + rng.normal(0, 150), 200, 3500));
  let near = rng.poisson(n * clamp(0.02 * Math.exp(0.8 * d) * rng.normal(1, 0.3), 0.0002, 0.35));
  let miss = rng.poisson(n * clamp(0.005 * Math.exp(1.0 * d) * rng.normal(1, 0.4), 0.00003, 0.3));
  if (near + miss > n) {
    near = Math.floor(n * 0.6);
    miss = n - near;
  }
  const critical = n - near - miss;
  const score = Math.floor((10_000_000 * (2 * critical + near)) / (2 * n));
  let lamp: string;
  if (near === 0 && miss === 0) lamp = 'PERFECT ULTIMATE CHAIN';
  else if (miss === 0) lamp = 'ULTIMATE CHAIN';
  else if (miss > n * 0.06 && rng.chance(0.6)) lamp = 'FAILED';
  else if (miss < 5 && rng.chance(0.03)) lamp = 'MAXXIVE CLEAR';
  else if (miss < n * 0.02 && rng.chance(0.3)) lamp = 'EXCESSIVE CLEAR';
  else lamp = 'CLEAR';
  const fast = rng.int(0, near);
  return {
    metrics: { score, lamp },
    judgements: { critical, near, miss },
    optional: { fast, slow: near - fast, maxCombo: miss === 0 ? n : rng.int(Math.floor(n * 0.05), Math.floor(n * 0.9)) },
    key: `${score}|${lamp}`,
  };
}

/** CHUNITHM: justice/attack/miss from how hard the chart is; score = (1.01·jcrit + justice + 0.5·attack)/notes. */
function chunithmPlay(rng: Rng, chart: ChartDocument, skill: number): Play {
  const d = chart.levelNum - skill;
  const n = Math.round(clamp(300 + chart.levelNum * 120 + rng.normal(0, 150), 200, 4000));
  let justice = rng.poisson(n * clamp(0.03 * Math.exp(1.2 * d) * rng.normal(1, 0.3), 0.0003, 0.4));
  let attack = rng.poisson(n * clamp(0.006 * Math.exp(1.2 * d) * rng.normal(1, 0.4), 0.00003, 0.2));
  let miss = rng.poisson(n * clamp(0.004 * Math.exp(1.3 * d) * rng.normal(1, 0.4), 0.00002, 0.3));
  if (justice + attack + miss > n) {
    justice = Math.floor(n * 0.5);
    attack = Math.floor(n * 0.2);
    miss = n - justice - attack;
  }
  const jcrit = n - justice - attack - miss;
  const score = Math.floor(((101 * jcrit + 100 * justice + 50 * attack) * 10_000) / n);
  const noteLamp =
    justice + attack + miss === 0 ? 'ALL JUSTICE CRITICAL' : attack + miss === 0 ? 'ALL JUSTICE' : miss === 0 ? 'FULL COMBO' : 'NONE';
  const bad = justice + attack + miss;
  let clearLamp = 'CLEAR';
  if (miss > n * 0.05 && rng.chance(0.5)) clearLamp = 'FAILED';
  else {
    const options: [string, number][] = [['CLEAR', 70]];
    if (!(bad >= 300 && miss >= 20)) options.push(['HARD', 20]);
    if (bad < 150) options.push(['BRAVE', 6]);
    if (bad < 50) options.push(['ABSOLUTE', 3]);
    if (bad < 10) options.push(['CATASTROPHY', 1]);
    let x = rng.next() * options.reduce((s, [, w]) => s + w, 0);
    for (const [lamp, w] of options) {
      if ((x -= w) < 0) {
        clearLamp = lamp;
        break;
      }
    }
  }
  const fast = rng.int(0, justice + attack);
  return {
    metrics: { score, noteLamp, clearLamp },
    judgements: { jcrit, justice, attack, miss },
    optional: {
      fast,
      slow: justice + attack - fast,
      maxCombo: noteLamp === 'NONE' ? rng.int(Math.floor(n * 0.05), n - 1) : n,
    },
    key: `${score}|${noteLamp}|${clearLamp}`,
  };
}

/**
 * maimai DX: critical perfects, perfects, greats, goods and misses from how hard the chart is; the
 * achievement as taps score it (100 / 100 / 80 / 50 / 0 %) plus up to 1% of break bonus
 * (1 / 0.75 / 0.4 / 0.3 / 0), floored to 4 decimals: 101% only with every note a critical perfect,
 * ≥ 100.75% with only (critical) perfects. Lamps: ALL PERFECT+ / ALL PERFECT / FULL COMBO+ /
 * FULL COMBO from the judgements, else CLEAR from 80%.
 */
function maimaidxPlay(rng: Rng, chart: ChartDocument, skill: number): Play {
  const d = chart.levelNum - skill;
  const n = Math.round(clamp(150 + chart.levelNum * 55 + rng.normal(0, 80), 80, 1800));
  let perfect = rng.poisson(n * clamp(0.12 * Math.exp(0.6 * d) * rng.normal(1, 0.3), 0.002, 0.5));
  let great = rng.poisson(n * clamp(0.02 * Math.exp(0.9 * d) * rng.normal(1, 0.3), 0.0003, 0.3));
  let good = rng.poisson(n * clamp(0.004 * Math.exp(1.0 * d) * rng.normal(1, 0.4), 0.00005, 0.2));
  let miss = rng.poisson(n * clamp(0.004 * Math.exp(1.1 * d) * rng.normal(1, 0.4), 0.00003, 0.25));
  if (perfect + great + good + miss > n) {
    perfect = Math.floor(n * 0.4);
    great = Math.floor(n * 0.25);
    good = Math.floor(n * 0.15);
    miss = n - perfect - great - good;
  }
  const pcrit = n - perfect - great - good - miss;
  const base = (pcrit + perfect + 0.8 * great + 0.5 * good) / n;
  const bonus = (pcrit + 0.75 * perfect + 0.4 * great + 0.3 * good) / n;
  const percent = pcrit === n ? 101 : Math.min(100.9999, Math.floor((100 * base + bonus) * 10_000) / 10_000);
  let lamp: string;
  if (pcrit === n) lamp = 'ALL PERFECT+';
  else if (great + good + miss === 0) lamp = 'ALL PERFECT';
  else if (good + miss === 0) lamp = 'FULL COMBO+';
  else if (miss === 0) lamp = 'FULL COMBO';
  else lamp = percent >= 80 ? 'CLEAR' : 'FAILED';
  const fast = rng.int(0, perfect + great + good);
  return {
    metrics: { percent, lamp },
    judgements: { pcrit, perfect, great, good, miss },
    optional: { fast, slow: perfect + great + good - fast, maxCombo: miss === 0 ? n : rng.int(Math.floor(n * 0.05), n - 1) },
    key: `${percent}|${lamp}`,
  };
}

/**
 * pop'n music: cools, greats, goods and bads; score = 100,000 × (cool + 0.7·great + 0.4·good) / notes.
 * Medal: without bads PERFECT (no goods) or a full combo whose star / diamond / circle is 1–5 /
 * 6–20 / 21+ goods; with bads a clear whose star / diamond / circle is 1–5 / 6–20 / 21+ bads,
 * sometimes an easy clear, or a failed medal when the gauge ran out.
 */
function popnPlay(rng: Rng, chart: ChartDocument, skill: number): Play {
  const d = (chart.levelNum - skill) / 4;
  const n = Math.round(clamp(250 + chart.levelNum * 22 + rng.normal(0, 100), 120, 2200));
  let great = rng.poisson(n * clamp(0.1 * Math.exp(0.6 * d) * rng.normal(1, 0.3), 0.003, 0.5));
  let good = rng.poisson(n * clamp(0.01 * Math.exp(0.9 * d) * rng.normal(1, 0.4), 0.0002, 0.25));
  let bad = rng.poisson(n * clamp(0.006 * Math.exp(1.1 * d) * rng.normal(1, 0.4), 0.00005, 0.3));
  if (great + good + bad > n) {
    great = Math.floor(n * 0.4);
    good = Math.floor(n * 0.2);
    bad = n - great - good;
  }
  const cool = n - great - good - bad;
  const score = Math.floor((100_000 * (cool + 0.7 * great + 0.4 * good)) / n);
  const shape = (count: number) => (count <= 5 ? 'Star' : count <= 20 ? 'Diamond' : 'Circle');
  let clearMedal: string;
  if (bad === 0) clearMedal = good === 0 ? 'perfect' : `fullCombo${shape(good)}`;
  else if ((bad > n * 0.08 && rng.chance(0.7)) || rng.chance(0.02)) clearMedal = `failed${rng.pick(['Circle', 'Diamond', 'Star'])}`;
  else if (rng.chance(0.05)) clearMedal = 'easyClear';
  else clearMedal = `clear${shape(bad)}`;
  const fast = rng.int(0, great + good);
  const failed = clearMedal.startsWith('failed');
  return {
    metrics: { score, clearMedal },
    judgements: { cool, great, good, bad },
    optional: {
      fast,
      slow: great + good - fast,
      maxCombo: bad === 0 ? n : rng.int(Math.floor(n * 0.05), n - 1),
      gauge: failed ? Math.round(rng.next() * 700) / 10 : Math.round((70 + rng.next() * 30) * 10) / 10,
    },
    key: `${score}|${clearMedal}`,
  };
}

/**
 * O.N.G.E.K.I.: the chart's notes are half its maxPlatScore; critical breaks, breaks, hits and
 * misses, bells caught of the chart's bells. Score = 950,000 × (cbreak + 0.9·break + 0.5·hit) /
 * notes + 60,000 × bells / all bells, so 1,010,000 only with every note a critical break and every
 * bell (then ALL BREAK+ and FULL BELL); platinum score = 2·cbreak + break ≤ maxPlatScore. LOSS when
 * the life ran out (never with FULL BELL).
 */
function ongekiPlay(rng: Rng, chart: ChartDocument, skill: number): Play {
  const d = chart.levelNum - skill;
  const n = Math.floor((chart.data.maxPlatScore as number) / 2);
  let brk = rng.poisson(n * clamp(0.03 * Math.exp(0.9 * d) * rng.normal(1, 0.3), 0.0003, 0.4));
  let hit = rng.poisson(n * clamp(0.008 * Math.exp(1.0 * d) * rng.normal(1, 0.4), 0.00005, 0.25));
  let miss = rng.poisson(n * clamp(0.004 * Math.exp(1.1 * d) * rng.normal(1, 0.4), 0.00003, 0.25));
  if (brk + hit + miss > n) {
    brk = Math.floor(n * 0.4);
    hit = Math.floor(n * 0.2);
    miss = n - brk - hit;
  }
  const cbreak = n - brk - hit - miss;
  const totalBells = rng.int(20, 250);
  const bells = Math.max(0, totalBells - rng.poisson(totalBells * clamp(0.01 * Math.exp(0.8 * d) * rng.normal(1, 0.4), 0.0001, 0.5)));
  const score = Math.floor((950_000 * (cbreak + 0.9 * brk + 0.5 * hit)) / n) + Math.floor((60_000 * bells) / totalBells);
  const bellLamp = bells === totalBells ? 'FULL BELL' : 'NONE';
  let noteLamp: string;
  if (miss > n * 0.06 && bellLamp === 'NONE' && rng.chance(0.5)) noteLamp = 'LOSS';
  else if (miss > 0) noteLamp = 'CLEAR';
  else if (hit > 0) noteLamp = 'FULL COMBO';
  else if (score < 1_010_000) noteLamp = 'ALL BREAK';
  else noteLamp = 'ALL BREAK+';
  const platinumScore = 2 * cbreak + brk;
  const fast = rng.int(0, brk + hit);
  return {
    metrics: { score, noteLamp, bellLamp, platinumScore },
    judgements: { cbreak, break: brk, hit, miss },
    optional: {
      fast,
      slow: brk + hit - fast,
      maxCombo: miss === 0 ? n : rng.int(Math.floor(n * 0.05), n - 1),
      bellCount: bells,
      totalBellCount: totalBells,
      damage: miss === 0 ? 0 : rng.poisson(miss * 1.5),
    },
    key: `${score}|${noteLamp}|${bellLamp}|${platinumScore}`,
  };
}

/** How good a player of each game is (around which level they play) and how widely they range. */
const SKILL: Record<BenchGame, { mean: number; sd: number; lo: number; hi: number; spread: number }> = {
  sdvx: { mean: 17, sd: 1.2, lo: 12, hi: 19.5, spread: 2 },
  chunithm: { mean: 14, sd: 0.8, lo: 10, hi: 15.4, spread: 1.2 },
  maimaidx: { mean: 12.8, sd: 0.8, lo: 8, hi: 15, spread: 1.2 },
  popn: { mean: 40, sd: 3, lo: 20, hi: 49, spread: 4 },
  ongeki: { mean: 13, sd: 0.8, lo: 9, hi: 15, spread: 1.2 },
};

const PLAY: Record<BenchGame, (rng: Rng, chart: ChartDocument, skill: number) => Play> = {
  sdvx: sdvxPlay,
  chunithm: chunithmPlay,
  maimaidx: maimaidxPlay,
  popn: popnPlay,
  ongeki: ongekiPlay,
};

/** A provided class, half the time (the games whose classes are all derived get none). */
function providedClasses(rng: Rng, game: BenchGame): Record<string, string> | undefined {
  switch (game) {
    case 'sdvx':
      return { dan: `DAN_${rng.int(5, 11)}` };
    case 'chunithm':
      return { dan: rng.pick(['DAN_III', 'DAN_IV', 'DAN_V']) };
    case 'maimaidx':
      return { dan: `DAN_${rng.int(4, 10)}`, matchingClass: rng.pick(['A1', 'S5', 'S3', 'SS5']) };
    default:
      return undefined;
  }
}

export interface GenerateOptions {
  game: BenchGame;
  scores: number;
  seed: string | number;
  /** the last play happens at this instant (ms); default HISTORY_END */
  end?: number;
  /** only charts of one slice of the game's charts (slice `index` of `of`): players who share no chart */
  partition?: { index: number; of: number };
  /** `replays` (default): favourites again and again; `distinct`: every score on another chart (PB-heavy) */
  shape?: FileShape;
}

export interface BatchManualFile {
  meta: { game: BenchGame; playtype: string; service: string };
  scores: Record<string, unknown>[];
  classes?: Record<string, string>;
}

/** One player's history: `scores` plays, all distinct (no two share chart, score and lamps). */
export function generateBatchManual(options: GenerateOptions): BatchManualFile {
  return generatePlays(options).file;
}

/** The file and, for each of its scores, the chart it is on. */
export function generatePlays(options: GenerateOptions): { file: BatchManualFile; chartIDs: string[] } {
  const { game, scores: count } = options;
  const distinct = options.shape === 'distinct';
  const rng = new Rng(`${game}:${count}:${options.seed}${distinct ? ':distinct' : ''}`);
  const part = options.partition;
  const charts = part ? pool(game).charts.filter((c) => parseInt(c.chart.chartID.slice(0, 8), 16) % part.of === part.index) : pool(game).charts;
  const sk = SKILL[game];
  const skill = clamp(rng.normal(sk.mean, sk.sd), sk.lo, sk.hi);
  const weight = (c: PoolChart) => Math.exp(-((c.chart.levelNum - (skill - 1)) ** 2) / (2 * sk.spread * sk.spread)) + 0.002;
  const anyChart = weightedSampler(rng, charts, weight);
  // favourites: charts a player comes back to (a few hundred to ~1,500)
  const favouriteCount = Math.round(clamp(count / 8, 30, 1500));
  const favourites: PoolChart[] = [];
  for (let i = 0; i < favouriteCount; i++) favourites.push(anyChart());

  const seen = new Set<string>();
  const used = new Set<PoolChart>();
  /** a chart this player has not played yet, by weight (any one when the game has none left) */
  const newChart = (): PoolChart => {
    if (used.size < charts.length) {
      for (let attempt = 0; attempt < 50; attempt++) {
        const c = anyChart();
        if (!used.has(c)) return c;
      }
      const left = charts.filter((c) => !used.has(c));
      return rng.pick(left);
    }
    return anyChart();
  };
  const play = PLAY[game];
  const plays: { c: PoolChart; play: Play }[] = [];
  while (plays.length < count) {
    const c = distinct ? newChart() : rng.chance(0.7) ? rng.pick(favourites) : anyChart();
    for (let attempt = 0; attempt < 4; attempt++) {
      const p = play(rng, c.chart, skill);
      const key = `${c.chart.chartID}|${p.key}`;
      if (seen.has(key)) continue;
      seen.add(key);
      used.add(c);
      plays.push({ c, play: p });
      break;
    }
  }

  // timestamps: sessions of 15–70 plays, 90 s – 5 min apart; sessions 6 h – 4 days apart
  const times: number[] = [];
  let t = 0;
  let left = 0;
  for (let i = 0; i < count; i++) {
    if (left === 0) {
      left = rng.int(15, 70);
      if (i > 0) t += rng.int(6 * 3600_000, 4 * 86_400_000);
    } else t += rng.int(90_000, 300_000);
    left--;
    times.push(t);
  }
  const shift = (options.end ?? HISTORY_END) - t;

  const out: Record<string, unknown>[] = plays.map(({ c, play: p }, i) => {
    const m = pickMatcher(rng, c);
    const score: Record<string, unknown> = { ...p.metrics, matchType: m.matchType, identifier: m.identifier };
    if (m.difficulty !== undefined) score.difficulty = m.difficulty;
    if (m.artist !== undefined) score.artist = m.artist;
    // a few exporters lose the time of a play
    score.timeAchieved = rng.chance(0.005) ? null : times[i] + shift;
    if (rng.chance(0.9)) score.judgements = p.judgements;
    if (rng.chance(0.8)) score.optional = p.optional;
    return score;
  });

  const file: BatchManualFile = { meta: { game, playtype: playtypeOf(game), service: 'bench-gen' }, scores: out };
  if (rng.chance(0.5)) {
    const classes = providedClasses(rng, game);
    if (classes) file.classes = classes;
  }
  return { file, chartIDs: plays.map((p) => p.c.chart.chartID) };
}

export function generateFile(options: GenerateOptions): Buffer {
  return Buffer.from(JSON.stringify(generateBatchManual(options)));
}

/**
 * Runs a file through the service's own parse → resolve → convert → hydrate → validate steps in
 * memory: every score must pass and be unique, or the generator is wrong.
 */
export function checkFile(content: Buffer, userID = 1): { scores: number; failures: string[]; duplicates: number } {
  const importType = importTypeModule('file/batch-manual');
  const parsed = importType.parse({ content, submittedAt: Date.now(), options: {} }) as Awaited<ReturnType<typeof importType.parse>>;
  const idx = chartIndex(parsed.game);
  const failures: string[] = [];
  const ids = new Set<string>();
  let duplicates = 0;
  for (const [i, data] of parsed.datapoints.entries()) {
    try {
      const { dryScore, song, chart } = importType.convert(data, parsed.context, idx);
      const definition = gpt(parsed.game, chart.playtype);
      const scoreID = createScoreID(definition.config, userID, chart.chartID, dryScore.scoreData);
      if (ids.has(scoreID)) duplicates++;
      ids.add(scoreID);
      hydrateScore(dryScore, definition, { userID, chart, song, scoreID, timeAdded: Date.now(), now: Date.now() });
    } catch (err) {
      const msg = err instanceof ScoreFailure ? `${err.type}: ${err.message}` : String(err);
      failures.push(`scores[${i}] ${JSON.stringify(data)}: ${msg}`);
    }
  }
  return { scores: parsed.datapoints.length, failures, duplicates };
}

// CLI: node --import tsx bench/generate.ts <game> <scores> [seed] [--shape replays|distinct] [--check]
if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  const shapeAt = argv.indexOf('--shape');
  const shape = shapeAt >= 0 ? argv.splice(shapeAt, 2)[1] : 'replays';
  const [game, n, seed] = argv.filter((a) => !a.startsWith('--'));
  if (!isBenchGame(game) || (shape !== 'replays' && shape !== 'distinct')) {
    console.error(`usage: node --import tsx bench/generate.ts ${BENCH_GAMES.join('|')} <scores> [seed] [--shape replays|distinct] [--check]`);
    process.exit(2);
  }
  const file = generateFile({ game, scores: Number(n ?? 1000), seed: seed ?? 1, shape });
  if (process.argv.includes('--check')) {
    const r = checkFile(file);
    console.error(JSON.stringify({ bytes: file.length, scores: r.scores, duplicates: r.duplicates, failures: r.failures.slice(0, 5), failureCount: r.failures.length }));
  } else process.stdout.write(file);
}
