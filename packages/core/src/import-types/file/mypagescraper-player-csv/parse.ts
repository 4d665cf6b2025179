/**
 * WaccaMyPageScraper's player CSV (Tachi's ParseMyPageScraperPlayerCSV and its class provider):
 * no scores, one record whose player_stage "[id,name,grade]" gives the stage-up class.
 */
import { ImportFatalError } from '../../../errors.ts';
import { WACCA_STAGE_UPS } from '../../../games/wacca/config.ts';
import type { ImportInput, ParsedImport } from '../../types.ts';
import { readCSVWithColumns, type MyPageScraperContext } from '../mypagescraper-records-csv/parse.ts';

const fatal = (message: string) => new ImportFatalError(400, message);

export function parseMyPageScraperPlayerCSV(input: ImportInput): ParsedImport<never, MyPageScraperContext> {
  const records = readCSVWithColumns(input.content);
  const record = records[0];
  if (records.length !== 1 || record === undefined) {
    throw fatal(`Found ${records.length} records instead of exactly 1 in the player CSV.`);
  }

  const stage = record.player_stage;
  if (stage === undefined) throw fatal('Malformed CSV: no player_stage column.');

  const matches = /\[(\d+),(.+?),(\d+)\]/u.exec(String(stage));
  if (matches === null) throw fatal('Malformed player_stage entry.');
  const id = Number(matches[1]);
  // the stage's name ("ステージXII") and grade (blue/silver/gold) are not used, as in Tachi

  // Tachi's class provider: stage ids 1 to 14 are the stage-ups I to XIV
  const stageUp = Number.isInteger(id) && id >= 1 && id <= WACCA_STAGE_UPS.length ? WACCA_STAGE_UPS[id - 1] : undefined;
  if (stageUp === undefined) throw fatal(`Unknown stage up id ${id}.`);

  return {
    game: 'wacca',
    context: { game: 'wacca' },
    datapoints: [],
    classes: { Single: { stageUp } },
  };
}
