/**
 * Realistic BATCH-MANUAL files from the bundled chart data, for the benchmarks.
 *
 * A file is one player's history in one game (SDVX or CHUNITHM): a skill level, a set of favourite
 * charts played again and again plus charts of their level, judgements drawn from how hard each
 * chart is for them, and score and lamps computed from the judgements the way the games do, so
 * they always agree with the service's validators (SDVX: PUC only with 10,000,000 and no near or
 * miss, UC only without misses; CHUNITHM: AJC only with 1,010,000, AJ ≥ 1,000,000, FC ≥ 500,000,
 * maxCombo = the sum of judgements, clear lamps within their judgement limits). Plays come in
 * sessions (15–70 plays a few minutes apart, sessions hours to days apart). Charts are referred to
 * by a mix of match types (in-game ID, song title (+ artist), Tachi song ID), each checked to
 * resolve to the intended chart with the service's own resolver. Everything comes from a seeded
 * RNG, so a (game, size, seed) always gives the same bytes.
 *
 *   node --import tsx bench/generate.ts sdvx 1000 seed > file.json
 */
import { GameCharts, gpt, loadBundledGame, resolveChart, createScoreID, hydrateScore, importTypeModule, ScoreFailure } from '@score-import/core';
import type { BatchManualContext, BatchManualScore, ChartDocument, GameName, SongDocument } from '@score-import/core';
import { Rng } from './lib/rng.ts';

export type BenchGame = 'sdvx' | 'chunithm';

/** Every timestamp is before this instant (2025-01-01 12:00 UTC), so none is "in the future". */
export const HISTORY_END = Date.UTC(2025, 0, 1, 12);

interface Matcher {
  matchType: 'sdvxInGameID' | 'inGameID' | 'songTitle' | 'tachiSongID';
  identifier: string;
  difficulty: string;
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

const CONTEXT = (game: GameName): BatchManualContext => ({ service: 'bench', game, playtype: 'Single', version: null });

/** The charts a score can refer to, each with the match types that resolve to exactly it. */
function pool(game: BenchGame): GamePool {
  const cached = pools.get(game);
  if (cached) return cached;
  const idx = chartIndex(game);
  const { config } = gpt(game, 'Single');
  const difficulties = config.difficulties.type === 'FIXED' ? config.difficulties.order : [];
  const context = CONTEXT(game);
  const resolvesTo = (m: Matcher, chart: ChartDocument): boolean => {
    try {
      const stub = { matchType: m.matchType, identifier: m.identifier, difficulty: m.difficulty, artist: m.artist ?? null } as BatchManualScore;
      return resolveChart(idx, stub, context).chart.chartID === chart.chartID;
    } catch {
      return false;
    }
  };
  const charts: PoolChart[] = [];
  for (const chart of idx.charts) {
    if (!chart.isPrimary || chart.playtype !== 'Single' || !difficulties.includes(chart.difficulty)) continue;
    if (!Number.isFinite(chart.levelNum) || chart.levelNum <= 0) continue;
    const song = idx.song(chart.songID);
    if (!song) continue;
    const candidates: Matcher[] = [];
    const inGame = Array.isArray(chart.data.inGameID) ? chart.data.inGameID[0] : chart.data.inGameID;
    if (typeof inGame === 'number') {
      candidates.push({ matchType: game === 'sdvx' ? 'sdvxInGameID' : 'inGameID', identifier: String(inGame), difficulty: chart.difficulty });
    }
    candidates.push({ matchType: 'songTitle', identifier: song.title, difficulty: chart.difficulty });
    if (song.artist) candidates.push({ matchType: 'songTitle', identifier: song.title, difficulty: chart.difficulty, artist: song.artist });
    candidates.push({ matchType: 'tachiSongID', identifier: String(song.id), difficulty: chart.difficulty });
    const matchers = candidates.filter((m) => resolvesTo(m, chart));
    if (matchers.length > 0) charts.push({ chart, song, matchers });
  }
  const p = { charts };
  pools.set(game, p);
  return p;
}

/** Picks a match type like real exporters do: mostly in-game IDs, some titles and song IDs. */
function pickMatcher(rng: Rng, c: PoolChart): Matcher {
  const byType = (t: Matcher['matchType']) => c.matchers.filter((m) => m.matchType === t);
  const r = rng.next();
  const order: Matcher['matchType'][] =
    r < 0.75 ? ['sdvxInGameID', 'inGameID', 'songTitle', 'tachiSongID'] : r < 0.92 ? ['songTitle', 'tachiSongID', 'sdvxInGameID', 'inGameID'] : ['tachiSongID', 'sdvxInGameID', 'inGameID', 'songTitle'];
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

export interface GenerateOptions {
  game: BenchGame;
  scores: number;
  seed: string | number;
  /** the last play happens at this instant (ms); default HISTORY_END */
  end?: number;
  /** only charts of one slice of the game's charts (slice `index` of `of`): players who share no chart */
  partition?: { index: number; of: number };
}

export interface BatchManualFile {
  meta: { game: BenchGame; playtype: 'Single'; service: string };
  scores: Record<string, unknown>[];
  classes?: Record<string, string>;
}

/** One player's history: `scores` plays, all distinct (no two share chart, score and lamps). */
export function generateBatchManual(options: GenerateOptions): BatchManualFile {
  const { game, scores: count } = options;
  const rng = new Rng(`${game}:${count}:${options.seed}`);
  const part = options.partition;
  const charts = part ? pool(game).charts.filter((c) => parseInt(c.chart.chartID.slice(0, 8), 16) % part.of === part.index) : pool(game).charts;
  const skill = game === 'sdvx' ? clamp(rng.normal(17, 1.2), 12, 19.5) : clamp(rng.normal(14, 0.8), 10, 15.4);
  const spread = game === 'sdvx' ? 2 : 1.2;
  const weight = (c: PoolChart) => Math.exp(-((c.chart.levelNum - (skill - 1)) ** 2) / (2 * spread * spread)) + 0.002;
  const anyChart = weightedSampler(rng, charts, weight);
  // favourites: charts a player comes back to (a few hundred to ~1,500)
  const favouriteCount = Math.round(clamp(count / 8, 30, 1500));
  const favourites: PoolChart[] = [];
  for (let i = 0; i < favouriteCount; i++) favourites.push(anyChart());

  const seen = new Set<string>();
  const plays: { c: PoolChart; play: Play }[] = [];
  while (plays.length < count) {
    const c = rng.chance(0.7) ? rng.pick(favourites) : anyChart();
    for (let attempt = 0; attempt < 4; attempt++) {
      const play = game === 'sdvx' ? sdvxPlay(rng, c.chart, skill) : chunithmPlay(rng, c.chart, skill);
      const key = `${c.chart.chartID}|${play.key}`;
      if (seen.has(key)) continue;
      seen.add(key);
      plays.push({ c, play });
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

  const out: Record<string, unknown>[] = plays.map(({ c, play }, i) => {
    const m = pickMatcher(rng, c);
    const score: Record<string, unknown> = { ...play.metrics, matchType: m.matchType, identifier: m.identifier, difficulty: m.difficulty };
    if (m.artist !== undefined) score.artist = m.artist;
    // a few exporters lose the time of a play
    score.timeAchieved = rng.chance(0.005) ? null : times[i] + shift;
    if (rng.chance(0.9)) score.judgements = play.judgements;
    if (rng.chance(0.8)) score.optional = play.optional;
    return score;
  });

  const file: BatchManualFile = { meta: { game, playtype: 'Single', service: 'bench-gen' }, scores: out };
  if (rng.chance(0.5)) {
    file.classes = game === 'sdvx' ? { dan: `DAN_${rng.int(5, 11)}` } : { dan: rng.pick(['DAN_III', 'DAN_IV', 'DAN_V']) };
  }
  return file;
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

// CLI: node --import tsx bench/generate.ts <game> <scores> [seed] [--check]
if (import.meta.url === `file://${process.argv[1]}`) {
  const [game, n, seed] = process.argv.slice(2);
  if (game !== 'sdvx' && game !== 'chunithm') {
    console.error('usage: node --import tsx bench/generate.ts sdvx|chunithm <scores> [seed] [--check]');
    process.exit(2);
  }
  const file = generateFile({ game, scores: Number(n ?? 1000), seed: seed ?? 1 });
  if (process.argv.includes('--check')) {
    const r = checkFile(file);
    console.error(JSON.stringify({ bytes: file.length, scores: r.scores, duplicates: r.duplicates, failures: r.failures.slice(0, 5), failureCount: r.failures.length }));
  } else process.stdout.write(file);
}
