/**
 * SDVX BATCH-MANUAL histories for the chaos run, from the bundled chart data and a seed. Every
 * player plays charts of one shared pool (so every chart has several players' PBs, and rankings
 * mean something), near their skill level, again and again: scores and lamps come from judgements
 * drawn from how hard the chart is for them, in the game's way (PUC only at 10,000,000 with no near
 * or miss, UC only without a miss and at 5,000,000 or more), so they pass the service's validators.
 * Plays come in sessions (15–60 plays a few minutes apart, sessions hours to days apart) and carry
 * their time, so sessions are the same whenever and however often a file is imported.
 */
import { loadBundledGame } from '@score-import/core';
import { Rng } from './rng.ts';

export interface SdvxScore {
  score: number;
  lamp: string;
  matchType: 'sdvxInGameID';
  identifier: string;
  difficulty: string;
  timeAchieved: number;
  judgements: { critical: number; near: number; miss: number };
}

export interface BatchManualFile {
  meta: { game: 'sdvx'; playtype: 'Single'; service: string };
  scores: SdvxScore[];
  classes?: { dan: string };
}

interface PoolChart {
  inGameID: number;
  difficulty: string;
  level: number;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** every play is before this instant (2025-01-01 12:00 UTC): none is in the future */
export const HISTORY_END = Date.UTC(2025, 0, 1, 12);

let allCharts: PoolChart[] | null = null;

/** The bundled SDVX charts a file can name by in-game ID and difficulty. */
function sdvxCharts(): PoolChart[] {
  if (allCharts) return allCharts;
  const seen = new Set<string>();
  allCharts = [];
  for (const c of loadBundledGame('sdvx').charts) {
    const id = c.data.inGameID;
    if (!c.isPrimary || c.playtype !== 'Single' || typeof id !== 'number' || !(c.levelNum >= 1 && c.levelNum <= 20)) continue;
    const key = `${id}:${c.difficulty}`;
    if (seen.has(key)) continue;
    seen.add(key);
    allCharts.push({ inGameID: id, difficulty: c.difficulty, level: c.levelNum });
  }
  return allCharts;
}

/** The run's shared pool: `size` charts drawn from the seed, levels 12–20 mostly (where players are). */
export function sharedCharts(seed: string, size: number): PoolChart[] {
  const rng = new Rng(`${seed}:charts`);
  const candidates = sdvxCharts().filter((c) => c.level >= 10);
  return rng.shuffle(candidates).slice(0, Math.min(size, candidates.length));
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(rng.normal(mean, Math.sqrt(mean))));
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rng.next();
  } while (p > l);
  return k - 1;
}

/** One play: judgements from how far the chart is above the player, then score and lamp from them. */
function play(rng: Rng, chart: PoolChart, skill: number, time: number): SdvxScore {
  const d = chart.level - skill;
  const notes = Math.round(clamp(400 + chart.level * 90 + rng.normal(0, 150), 200, 3_500));
  let near = poisson(rng, notes * clamp(0.02 * Math.exp(0.8 * d) * rng.normal(1, 0.3), 0.0002, 0.35));
  let miss = poisson(rng, notes * clamp(0.005 * Math.exp(1.0 * d) * rng.normal(1, 0.4), 0.00003, 0.3));
  if (near + miss > notes) {
    near = Math.floor(notes * 0.6);
    miss = notes - near;
  }
  const critical = notes - near - miss;
  const score = Math.floor((10_000_000 * (2 * critical + near)) / (2 * notes));
  let lamp: string;
  if (near === 0 && miss === 0) lamp = 'PERFECT ULTIMATE CHAIN';
  else if (miss === 0 && score >= 5_000_000) lamp = 'ULTIMATE CHAIN';
  else if (miss > notes * 0.12 || score < 6_500_000) lamp = 'FAILED';
  else if (d >= 1 && rng.chance(0.15)) lamp = 'MAXXIVE CLEAR';
  else if (rng.chance(0.3)) lamp = 'EXCESSIVE CLEAR';
  else lamp = 'CLEAR';
  return {
    score: lamp === 'PERFECT ULTIMATE CHAIN' ? 10_000_000 : score,
    lamp,
    matchType: 'sdvxInGameID',
    identifier: String(chart.inGameID),
    difficulty: chart.difficulty,
    timeAchieved: time,
    judgements: { critical, near, miss },
  };
}

/**
 * One player's history of `n` plays on the shared pool, oldest first, ending a little before
 * HISTORY_END. No two plays are the same score (chart, score and lamp make a scoreID), so every
 * play is a score of its own unless a file sends it again on purpose.
 */
export function playerHistory(seed: string, player: number, n: number, pool: readonly PoolChart[]): SdvxScore[] {
  const rng = new Rng(`${seed}:history:${player}`);
  const skill = rng.int(13, 18);
  // favourites: a third of the plays go to a few charts played again and again
  const near = pool.filter((c) => Math.abs(c.level - skill) <= 2);
  const mine = near.length >= 10 ? near : pool;
  const favourites = rng.shuffle(mine).slice(0, Math.max(3, Math.round(mine.length / 8)));
  // sessions backwards from the end, then the plays put in time order
  const sessions: { start: number; plays: number }[] = [];
  let end = HISTORY_END - rng.int(0, 72) * HOUR;
  for (let left = n; left > 0; ) {
    const plays = Math.min(left, rng.int(15, 60));
    const start = end - plays * 4 * MINUTE;
    sessions.unshift({ start, plays });
    left -= plays;
    end = start - rng.int(5, 72) * HOUR;
  }
  const seen = new Set<string>();
  const out: SdvxScore[] = [];
  for (const s of sessions) {
    let t = s.start;
    for (let i = 0; i < s.plays; i++) {
      t += rng.int(2, 5) * MINUTE;
      for (;;) {
        const chart = rng.chance(0.35) ? rng.pick(favourites) : rng.pick(mine);
        const p = play(rng, chart, skill + rng.normal(0, 0.5), t);
        const key = `${p.identifier}:${p.difficulty}:${p.score}:${p.lamp}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(p);
        break;
      }
    }
  }
  return out;
}
