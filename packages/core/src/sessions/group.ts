/** Session grouping, naming and matching (spec §3.9), without the database. */

/** A gap of this much (or more) between consecutive scores starts a new session. */
export const TWO_HOURS = 7_200_000;

export interface Timed {
  timeAchieved: number | null;
}

/**
 * Drops scores without timeAchieved, sorts the rest ascending (stable) and splits them: a score
 * joins the current group iff timeAchieved < previous.timeAchieved + 2h, so exactly 2h apart
 * starts a new group.
 */
export function groupIntoSessions<T extends Timed>(scores: readonly T[]): T[][] {
  const timed = scores
    .filter((s): s is T & { timeAchieved: number } => s.timeAchieved !== null)
    .sort((a, b) => a.timeAchieved - b.timeAchieved);

  const groups: T[][] = [];
  let current: (T & { timeAchieved: number })[] = [];
  for (const s of timed) {
    const prev = current[current.length - 1];
    if (prev !== undefined && s.timeAchieved >= prev.timeAchieved + TWO_HOURS) {
      groups.push(current);
      current = [];
    }
    current.push(s);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** First and last timeAchieved of a group produced by groupIntoSessions (sorted, all timed). */
export function findSessionWindow(group: readonly Timed[]): { start: number; end: number } {
  const first = group[0]?.timeAchieved;
  const last = group[group.length - 1]?.timeAchieved;
  if (typeof first !== 'number' || typeof last !== 'number') {
    throw new Error('findSessionWindow needs a non-empty group of timed scores');
  }
  return { start: first, end: last };
}

/**
 * Whether an existing session should take this group (spec §3.9 step 4): its timeStarted or
 * timeEnded lies in [start − 2h, end + 2h). Also true when the session fully spans the group,
 * which Tachi's test misses (§7.3 item 12).
 */
export function sessionOverlaps(
  session: { timeStarted: number; timeEnded: number },
  start: number,
  end: number,
): boolean {
  const lo = start - TWO_HOURS;
  const hi = end + TWO_HOURS;
  const inWindow = (t: number): boolean => t >= lo && t < hi;
  if (inWindow(session.timeStarted) || inWindow(session.timeEnded)) return true;
  return session.timeStarted <= start && session.timeEnded >= end;
}

const ADJECTIVES = [
  'Amber', 'Blazing', 'Brisk', 'Calm', 'Cosmic', 'Crimson', 'Dancing', 'Dazzling', 'Electric', 'Endless',
  'Fierce', 'Gentle', 'Gilded', 'Glowing', 'Golden', 'Hidden', 'Hyper', 'Infinite', 'Jolly', 'Lucky',
  'Lunar', 'Mellow', 'Midnight', 'Neon', 'Nimble', 'Prismatic', 'Quiet', 'Radiant', 'Rapid', 'Restless',
  'Rhythmic', 'Scarlet', 'Silent', 'Silver', 'Sonic', 'Spectral', 'Starry', 'Swift', 'Velvet', 'Vivid',
] as const;

const NOUNS = [
  'Arcade', 'Aurora', 'Beat', 'Cascade', 'Chorus', 'Comet', 'Crescendo', 'Drift', 'Echo', 'Encore',
  'Fever', 'Flare', 'Galaxy', 'Groove', 'Harmony', 'Horizon', 'Melody', 'Meteor', 'Nebula', 'Orbit',
  'Pulse', 'Rhapsody', 'Rhythm', 'Session', 'Signal', 'Sonata', 'Spark', 'Storm', 'Tempo', 'Voltage',
] as const;

function pick<T>(list: readonly T[], random: () => number): T {
  const i = Math.min(list.length - 1, Math.floor(random() * list.length));
  return list[Math.max(0, i)];
}

/** A random "<adjective> <adjective> <noun>" session name (Tachi's name generation, §3.9). */
export function sessionName(random: () => number = Math.random): string {
  return `${pick(ADJECTIVES, random)} ${pick(ADJECTIVES, random)} ${pick(NOUNS, random)}`;
}
