/** The PB merge functions of each game, in Tachi's order (spec §3.10 step 2). */
import type { ScoreData, ScoreDocument } from '../documents.ts';
import type { GameName } from './types.ts';

export interface PBMergeSpec {
  /** composedFrom name, e.g. "Best Lamp" */
  name: string;
  /** the value to maximise; scores where this is not a number are not candidates */
  value: (score: ScoreDocument) => unknown;
  /** copies the merged metric from the chosen score into the PB's scoreData */
  apply: (pb: ScoreData, score: ScoreDocument) => void;
}

/** composedFrom name of the base (highest default metric) score. */
export const DEFAULT_MERGE_NAME = 'Best Score';

export const PB_MERGES: Record<GameName, readonly PBMergeSpec[]> = {
  sdvx: [
    {
      name: 'Best Lamp',
      value: (s) => s.scoreData.enumIndexes.lamp,
      apply: (pb, s) => {
        pb.lamp = s.scoreData.lamp;
      },
    },
    {
      name: 'Best EX Score',
      value: (s) => s.scoreData.optional.exScore,
      apply: (pb, s) => {
        pb.optional.exScore = s.scoreData.optional.exScore;
      },
    },
  ],
  chunithm: [
    {
      name: 'Best Note Lamp',
      value: (s) => s.scoreData.enumIndexes.noteLamp,
      apply: (pb, s) => {
        pb.noteLamp = s.scoreData.noteLamp;
      },
    },
    {
      name: 'Best Clear Lamp',
      value: (s) => s.scoreData.enumIndexes.clearLamp,
      apply: (pb, s) => {
        pb.clearLamp = s.scoreData.clearLamp;
      },
    },
  ],
};
