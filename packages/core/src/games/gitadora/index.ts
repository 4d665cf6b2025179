/** GITADORA (Gita, Dora): config from Tachi's game-support, rules from its game implementation (one for both). */
import { GITADORASkill } from 'rg-stats';
import type { GameModule, GPTRules } from '../types.ts';
import { classFromThresholds } from '../common/classes.ts';
import { gradeBoundaries, gradeFor } from '../common/grades.ts';
import { bestLampMerge } from '../common/pb-merges.ts';
import { profileSumBestN, sessionAvgBestN } from '../common/ratings.ts';
import { GITADORA_DORA, GITADORA_GITA } from './config.ts';

export const GITADORA_GBOUNDARIES = gradeBoundaries({
  C: 0,
  B: 63,
  A: 73,
  S: 80,
  SS: 95,
  MAX: 100,
});

const COLOURS: readonly (readonly [number, string])[] = [
  [8500, 'RAINBOW'],
  [8000, 'GOLD'],
  [7500, 'SILVER'],
  [7000, 'BRONZE'],
  [6500, 'RED_GRD'],
  [6000, 'RED'],
  [5500, 'PURPLE_GRD'],
  [5000, 'PURPLE'],
  [4500, 'BLUE_GRD'],
  [4000, 'BLUE'],
  [3500, 'GREEN_GRD'],
  [3000, 'GREEN'],
  [2500, 'YELLOW_GRD'],
  [2000, 'YELLOW'],
  [1500, 'ORANGE_GRD'],
  [1000, 'ORANGE'],
];

/** Tachi's GITADORA_IMPL, shared by both playtypes. */
const rules: GPTRules = {
  derivers: { grade: ({ percent }) => gradeFor(GITADORA_GBOUNDARIES, percent as number) },
  chartValidators: {},
  scoreValidators: [],
  scoreRatings: { skill: (scoreData, chart) => GITADORASkill.calculate(scoreData.percent as number, chart.levelNum) },
  sessionRatings: { skill: sessionAvgBestN('skill') },
  profileRatings: { naiveSkill: profileSumBestN('skill', 50) },
  classDerivers: { colour: (ratings) => classFromThresholds(ratings.naiveSkill, COLOURS, 'WHITE') },
  defaultMergeName: 'Best Percent',
  pbMerges: [
    bestLampMerge(),
  ],
};

export const gitadora: GameModule = {
  game: 'gitadora',
  name: 'GITADORA',
  playtypes: ['Gita', 'Dora'],
  gpt: {
    Gita: { config: GITADORA_GITA, rules },
    Dora: { config: GITADORA_DORA, rules },
  },
  notes:
    "Songs and charts are Tachi's from commit 593adb271 (2024-08-17), the last that has its GITADORA charts: konaste only, dated.",
};
