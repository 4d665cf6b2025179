/** e-amusement's SDVX score CSV (Tachi's file/eamusement-sdvx-csv parser). */
import { ImportFatalError } from '../../../errors.ts';
import type { ImportInput, ParsedImport } from '../../types.ts';
import { naiveCSVParse } from '../../common/naive-csv.ts';

const HEADER_COUNT = 11;

/** One row: the columns Tachi reads (grade and clear counts are ignored; there is no timestamp). */
export interface SDVXEamusementCSVData {
  title: string;
  difficulty: string;
  level: string;
  lamp: string;
  score: string;
  exscore: string;
}

export interface SDVXEamusementCSVContext {
  [k: string]: unknown;
  game: 'sdvx';
}

export function parseEamusementSDVXCSV(input: ImportInput): ParsedImport<SDVXEamusementCSVData, SDVXEamusementCSVContext> {
  const { rawHeaders, rawRows } = naiveCSVParse(input.content);
  if (rawHeaders.length !== HEADER_COUNT) {
    throw new ImportFatalError(400, 'Invalid CSV provided. CSV does not have the correct number of headers.');
  }
  return {
    game: 'sdvx',
    context: { game: 'sdvx' },
    datapoints: rawRows.map((cells) => ({
      title: cells[0],
      difficulty: cells[1],
      level: cells[2],
      lamp: cells[3],
      score: cells[5],
      exscore: cells[6],
    })),
    classes: null,
  };
}
