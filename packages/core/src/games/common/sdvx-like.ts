/** What SOUND VOLTEX and USC share (Tachi's SDVXLIKE_* in game-implementations/games/_common.ts). */
import { Volforce } from 'rg-stats';
import type { GPTRules, MetricSpec } from '../types.ts';
import { classFromThresholds } from './classes.ts';
import { gradeBoundaries, gradeFor } from './grades.ts';
import { bestLampMerge } from './pb-merges.ts';
import { profileSumBestN, sessionAvgBestN } from './ratings.ts';
import { p } from './checks.ts';

export const SDVXLIKE_GRADES = ['D', 'C', 'B', 'A', 'A+', 'AA', 'AA+', 'AAA', 'AAA+', 'S', 'PUC'] as const;

export const SDVXLIKE_GBOUNDARIES = gradeBoundaries({
  D: 0,
  C: 7_000_000,
  B: 8_000_000,
  A: 8_700_000,
  'A+': 9_000_000,
  AA: 9_300_000,
  'AA+': 9_500_000,
  AAA: 9_700_000,
  'AAA+': 9_800_000,
  S: 9_900_000,
  PUC: 10_000_000,
});

export const SDVXLIKE_SCORE: MetricSpec = { type: 'INTEGER', validate: p.isBetween(0, 10_000_000) };

export const SDVX_CLASSES = [
  'SIENNA_I', 'SIENNA_II', 'SIENNA_III', 'SIENNA_IV',
  'COBALT_I', 'COBALT_II', 'COBALT_III', 'COBALT_IV',
  'DANDELION_I', 'DANDELION_II', 'DANDELION_III', 'DANDELION_IV',
  'CYAN_I', 'CYAN_II', 'CYAN_III', 'CYAN_IV',
  'SCARLET_I', 'SCARLET_II', 'SCARLET_III', 'SCARLET_IV',
  'CORAL_I', 'CORAL_II', 'CORAL_III', 'CORAL_IV',
  'ARGENTO_I', 'ARGENTO_II', 'ARGENTO_III', 'ARGENTO_IV',
  'ELDORA_I', 'ELDORA_II', 'ELDORA_III', 'ELDORA_IV',
  'CRIMSON_I', 'CRIMSON_II', 'CRIMSON_III', 'CRIMSON_IV',
  'IMPERIAL_I', 'IMPERIAL_II', 'IMPERIAL_III', 'IMPERIAL_IV',
] as const;

/** vfClass lower bounds from profile VF6, descending (Tachi's VF6ToClass). */
const VF_CLASS_THRESHOLDS: readonly (readonly [number, string])[] = [
  [23, 'IMPERIAL_IV'], [22, 'IMPERIAL_III'], [21, 'IMPERIAL_II'], [20, 'IMPERIAL_I'],
  [19.75, 'CRIMSON_IV'], [19.5, 'CRIMSON_III'], [19.25, 'CRIMSON_II'], [19, 'CRIMSON_I'],
  [18.75, 'ELDORA_IV'], [18.5, 'ELDORA_III'], [18.25, 'ELDORA_II'], [18, 'ELDORA_I'],
  [17.75, 'ARGENTO_IV'], [17.5, 'ARGENTO_III'], [17.25, 'ARGENTO_II'], [17, 'ARGENTO_I'],
  [16.75, 'CORAL_IV'], [16.5, 'CORAL_III'], [16.25, 'CORAL_II'], [16, 'CORAL_I'],
  [15.75, 'SCARLET_IV'], [15.5, 'SCARLET_III'], [15.25, 'SCARLET_II'], [15, 'SCARLET_I'],
  [14.75, 'CYAN_IV'], [14.5, 'CYAN_III'], [14.25, 'CYAN_II'], [14, 'CYAN_I'],
  [13.5, 'DANDELION_IV'], [13, 'DANDELION_III'], [12.5, 'DANDELION_II'], [12, 'DANDELION_I'],
  [11.5, 'COBALT_IV'], [11, 'COBALT_III'], [10.5, 'COBALT_II'], [10, 'COBALT_I'],
  [7.5, 'SIENNA_IV'], [5, 'SIENNA_III'], [2.5, 'SIENNA_II'],
];

export const vf6ToClass = (vf6: number | null | undefined) => classFromThresholds(vf6, VF_CLASS_THRESHOLDS, 'SIENNA_I');

const PUC = 'PERFECT ULTIMATE CHAIN';
const UC = 'ULTIMATE CHAIN';

/** The rules SDVX and USC have in common; each adds its own chart validators and merges. */
export const SDVXLIKE_RULES = {
  derivers: { grade: ({ score }) => gradeFor(SDVXLIKE_GBOUNDARIES, score as number) },
  scoreRatings: {
    VF6: (scoreData, chart) =>
      Volforce.calculateVF6(scoreData.score as number, scoreData.lamp as Volforce.SDVXLamps, chart.levelNum),
  },
  sessionRatings: {
    ProfileVF6: (scores) => {
      const v = sessionAvgBestN('VF6')(scores);
      return v === null ? null : v * 50;
    },
  },
  profileRatings: { VF6: profileSumBestN('VF6', 50) },
  classDerivers: { vfClass: (ratings) => vf6ToClass(ratings.VF6) },
  defaultMergeName: 'Best Score',
  scoreValidators: [
    (s) => (s.scoreData.lamp === PUC && s.scoreData.score !== 10_000_000 ? 'Cannot have a PERFECT ULTIMATE CHAIN without a perfect score.' : undefined),
    (s) => {
      const near = s.scoreData.judgements.near ?? 0;
      const miss = s.scoreData.judgements.miss ?? 0;
      if (s.scoreData.lamp === PUC && miss + near > 0) return 'Cannot have a PERFECT ULTIMATE CHAIN with any nears or misses.';
      if (s.scoreData.lamp === UC && miss > 0) return 'Cannot have an ULTIMATE CHAIN with non-zero miss count.';
      return undefined;
    },
    (s) => (s.scoreData.lamp === UC && (s.scoreData.score as number) < 5_000_000 ? 'Cannot have an ULTIMATE CHAIN with a score less than 5m.' : undefined),
  ],
  pbMerges: [
    bestLampMerge(),
  ],
} satisfies Omit<GPTRules, 'chartValidators'>;
