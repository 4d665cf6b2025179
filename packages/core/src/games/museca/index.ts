/** MÚSECA (Single): config from Tachi's game-support, rules from its game implementation (museca.ts). */
import { CuratorSkill } from 'rg-stats';
import type { GameModule, GPTRules } from '../types.ts';
import { gradeBoundaries, gradeFor } from '../common/grades.ts';
import { bestLampMerge } from '../common/pb-merges.ts';
import { profileSumBestN, sessionAvgBestN } from '../common/ratings.ts';
import { MUSECA_SINGLE } from './config.ts';

/** Tachi's MUSECA_GBOUNDARIES */
export const MUSECA_GBOUNDARIES = gradeBoundaries({
  没: 0,
  拙: 600_000,
  凡: 700_000,
  佳: 800_000,
  良: 850_000,
  優: 900_000,
  秀: 950_000,
  傑: 975_000,
  傑G: 1_000_000,
});

const PCA = 'PERFECT CONNECT ALL';

const scoreValidators: GPTRules['scoreValidators'] = [
  (s) => {
    const score = s.scoreData.score as number;
    if (s.scoreData.lamp === PCA && score !== 1_000_000) return 'A PERFECT CONNECT ALL must have a score of 1 million.';
    if (score === 1_000_000 && s.scoreData.lamp !== PCA) return 'A perfect score of 1 million must have a lamp of PERFECT CONNECT ALL.';
    return undefined;
  },
  (s) => {
    const miss = s.scoreData.judgements.miss ?? 0;
    const near = s.scoreData.judgements.near ?? 0;
    if (s.scoreData.lamp === PCA && miss + near > 0) return 'Cannot have a PERFECT CONNECT ALL with any nears or misses.';
    if (s.scoreData.lamp === 'CONNECT ALL' && miss > 0) return 'Cannot have a CONNECT ALL with any misses.';
    return undefined;
  },
  (s) => {
    const score = s.scoreData.score as number;
    if (score < 800_000 && s.scoreData.lamp !== 'FAILED') return 'A score of <800k must be a fail.';
    if (score >= 800_000 && s.scoreData.lamp === 'FAILED') return 'A score of >=800k must be a clear.';
    return undefined;
  },
];

const rules: GPTRules = {
  derivers: { grade: ({ score }) => gradeFor(MUSECA_GBOUNDARIES, score as number) },
  chartValidators: {},
  scoreValidators,
  scoreRatings: { curatorSkill: (scoreData, chart) => CuratorSkill.calculate(scoreData.score as number, chart.levelNum) },
  sessionRatings: { curatorSkill: sessionAvgBestN('curatorSkill') },
  profileRatings: { curatorSkill: profileSumBestN('curatorSkill', 20) },
  classDerivers: {},
  defaultMergeName: 'Best Score',
  pbMerges: [
    bestLampMerge(),
  ],
};

export const museca: GameModule = {
  game: 'museca',
  name: 'MÚSECA',
  playtypes: ['Single'],
  gpt: { Single: { config: MUSECA_SINGLE, rules } },
};
