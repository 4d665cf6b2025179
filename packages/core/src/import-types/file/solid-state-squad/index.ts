/** `file/solid-state-squad`: Solid State Squad's XML export of IIDX scores (SP and DP). */
import type { ImportTypeModule } from '../../types.ts';
import { convertSolidStateScore } from './convert.ts';
import { parseSolidStateXML, type S3Context, type S3Score } from './parse.ts';

export const fileSolidStateSquad: ImportTypeModule<S3Score, S3Context> = {
  async parse(input) {
    const parsed = parseSolidStateXML(input);
    // 5KEY scores: Tachi skips them without an error (its SkipScoreFailure, after the song lookup)
    return { ...parsed, datapoints: parsed.datapoints.filter((s) => s.diff !== 5) };
  },
  convert: convertSolidStateScore,
};
