/** `file/mypagescraper-records-csv`: WaccaMyPageScraper's records (PBs) CSV. */
import type { ImportTypeModule } from '../../types.ts';
import { convertMyPageScraperRecord } from './convert.ts';
import { parseMyPageScraperRecordsCSV, type MyPageRecordsParsedPB, type MyPageScraperContext } from './parse.ts';

export const fileMyPageScraperRecordsCSV: ImportTypeModule<MyPageRecordsParsedPB, MyPageScraperContext> = {
  parse: parseMyPageScraperRecordsCSV,
  convert: convertMyPageScraperRecord,
};
