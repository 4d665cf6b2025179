import { loadBundledGame } from '@score-import/core';

const HOUR = 3_600_000;

/** A deterministic SDVX BATCH-MANUAL file: `n` scores on distinct charts, spread over sessions. */
export function sdvxFile(n: number, options: { start?: number; service?: string; offset?: number } = {}) {
  const charts = loadBundledGame('sdvx').charts;
  const start = options.start ?? Date.UTC(2025, 0, 1);
  const offset = options.offset ?? 0;
  const lamps = ['FAILED', 'CLEAR', 'EXCESSIVE CLEAR', 'MAXXIVE CLEAR'];
  return {
    meta: { game: 'sdvx', playtype: 'Single', service: options.service ?? 'reliability' },
    scores: Array.from({ length: n }, (_, i) => {
      const chart = charts[(i + offset) % charts.length];
      return {
        score: 8_000_000 + ((i * 7919) % 1_900_000),
        lamp: lamps[i % lamps.length],
        matchType: 'sdvxInGameID',
        identifier: String(chart.data.inGameID),
        difficulty: chart.difficulty,
        // three sessions: groups of scores a minute apart, 5 hours between groups
        timeAchieved: start + Math.floor((i * 3) / n) * 5 * HOUR + i * 60_000,
      };
    }),
  };
}
