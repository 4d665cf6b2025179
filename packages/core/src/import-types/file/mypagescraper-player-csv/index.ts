/** `file/mypagescraper-player-csv`: WaccaMyPageScraper's player CSV (the stage-up class, no scores). */
import { ScoreFailure } from '../../../errors.ts';
import type { ImportTypeModule } from '../../types.ts';
import type { MyPageScraperContext } from '../mypagescraper-records-csv/parse.ts';
import { parseMyPageScraperPlayerCSV } from './parse.ts';

export const fileMyPageScraperPlayerCSV: ImportTypeModule<never, MyPageScraperContext> = {
  parse: parseMyPageScraperPlayerCSV,
  // the player file has no scores (Tachi's converter for it throws likewise)
  convert: () => {
    throw new ScoreFailure('InternalError', 'An internal error has occured.');
  },
};
