/**
 * ITG (Stamina): config from Tachi's game-support, rules from its game implementation (itg.ts).
 * fastest32 is rg-stats' ITGHighestUnbroken over the chart's per-measure NPS and note counts;
 * blockRating (the chart's ranked level, for a clear) and its profile form highestBlock are
 * Tachi's own, written here from its sources.
 */
import { ITGHighestUnbroken } from 'rg-stats';
import type { ChartDocument, GameModule, GPTRules } from '../types.ts';
import type { ScoreData } from '../../documents.ts';
import { gradeBoundaries, gradeFor } from '../common/grades.ts';
import { bestLampMerge } from '../common/pb-merges.ts';
import { profileSumBestN, sessionAvgBestN } from '../common/ratings.ts';
import { ITG_STAMINA } from './config.ts';

/** Tachi's ITG_GBOUNDARIES: F (-Infinity) is only reached through a fail */
export const ITG_GBOUNDARIES = gradeBoundaries({
  F: -Infinity,
  D: 0,
  C: 55,
  B: 68,
  A: 80,
  S: 89,
  '★': 96,
  '★★': 98,
  '★★★': 99,
  '★★★★': 100,
});

/** The chart data ITG's ratings read (Tachi's itg:Stamina chartData, the part used here). */
interface ITGChartData {
  /** the block level the chart is ranked at (ECS/SRPG charts), null when unranked */
  rankedLevel: number | null;
  npsPerMeasure: number[];
  notesPerMeasure: number[];
}

const itgData = (chart: ChartDocument) => chart.data as unknown as ITGChartData;

/** Tachi's blockRating: a clear is worth the chart's ranked level; a fail nothing. */
export function blockRating(scoreData: ScoreData, chart: ChartDocument): number | null {
  if (scoreData.lamp === 'FAILED') return null;
  return itgData(chart).rankedLevel;
}

/** 32 measures is most players' go-to stream length */
const FASTEST_OF_MEASURES = 32;
/** below this BPM a "fastest 32" is a technicality (32 unbroken measures at 14 BPM): Tachi hides it */
const MIN_SHOWN_BPM = 100;

/** Tachi's fastest32: the fastest BPM streamed for 32 unbroken measures, up to where the player died. */
export function fastest32(scoreData: ScoreData, chart: ChartDocument): number | null {
  const { npsPerMeasure, notesPerMeasure } = itgData(chart);
  const diedAtMeasure = scoreData.lamp === 'FAILED' ? ((scoreData.survivedPercent as number) / 100) * notesPerMeasure.length : null;
  const bpm = ITGHighestUnbroken.calculateFromNPSPerMeasure(npsPerMeasure, notesPerMeasure, diedAtMeasure, FASTEST_OF_MEASURES);
  if (bpm === null || bpm < MIN_SHOWN_BPM) return null;
  return bpm;
}

const scoreValidators: GPTRules['scoreValidators'] = [
  (s) => {
    if (s.scoreData.lamp !== 'FAILED' && (s.scoreData.survivedPercent as number) < 100) {
      return "Cannot clear a chart that you didn't survive 100% of.";
    }
    return undefined;
  },
  (s) => {
    const j = s.scoreData.judgements;
    const fantastic = j.fantastic ?? 0;
    const excellent = j.excellent ?? 0;
    const great = j.great ?? 0;
    const decent = j.decent ?? 0;
    const wayoff = j.wayoff ?? 0;
    const miss = j.miss ?? 0;
    switch (s.scoreData.lamp) {
      case 'QUINT':
        if (fantastic + excellent + great + decent + wayoff + miss > 0) return 'Cannot have a QUINT with any fantastic (or worse) judgements.';
        break;
      case 'QUAD':
        if (excellent + great + decent + wayoff + miss > 0) return 'Cannot have a QUAD with any excellent (or worse) judgements.';
        break;
      case 'FULL EXCELLENT COMBO':
        if (great + decent + wayoff + miss > 0) return 'Cannot have a FULL EXCELLENT COMBO with any great (or worse) judgements.';
        break;
      case 'FULL COMBO':
        if (decent + wayoff + miss > 0) return 'Cannot have a FULL COMBO with any combo breaks.';
        break;
    }
    return undefined;
  },
];

const rules: GPTRules = {
  derivers: {
    // the lamp decides, not survivedPercent === 100: a long chart can fail at 100% by float error
    finalPercent: ({ lamp, survivedPercent, scorePercent }) => (lamp === 'FAILED' ? survivedPercent : 100 + (scorePercent as number)),
    grade: ({ lamp, scorePercent }) => (lamp === 'FAILED' ? 'F' : gradeFor(ITG_GBOUNDARIES, scorePercent as number)),
  },
  chartValidators: {},
  scoreValidators,
  scoreRatings: { blockRating, fastest32 },
  sessionRatings: { blockRating: sessionAvgBestN('blockRating', 5) },
  profileRatings: {
    // the sum of the 1 best is the best one (null without any)
    highestBlock: profileSumBestN('blockRating', 1, true),
    fastest32: profileSumBestN('fastest32', 1, true),
  },
  classDerivers: {},
  defaultMergeName: 'Best Result',
  pbMerges: [
    bestLampMerge(),
  ],
};

export const itg: GameModule = {
  game: 'itg',
  name: 'ITG',
  playtypes: ['Stamina'],
  gpt: { Stamina: { config: ITG_STAMINA, rules } },
};
