/** `file/eamusement-sdvx-csv`: the score CSV e-amusement's SDVX pages export. */
import type { ImportTypeModule } from '../../types.ts';
import { convertEamusementSDVXCSV } from './convert.ts';
import { parseEamusementSDVXCSV, type SDVXEamusementCSVContext, type SDVXEamusementCSVData } from './parse.ts';

export const fileEamusementSDVXCSV: ImportTypeModule<SDVXEamusementCSVData, SDVXEamusementCSVContext> = {
  parse: parseEamusementSDVXCSV,
  convert: convertEamusementSDVXCSV,
};
