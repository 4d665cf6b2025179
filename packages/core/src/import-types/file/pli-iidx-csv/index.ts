/**
 * `file/pli-iidx-csv`: PLI's IIDX score CSV (e-amusement's format), with the form field `playtype`
 * (SP or DP).
 */
import type { ImportTypeModule } from '../../types.ts';
import {
  convertEamIIDXCSV,
  parseEamIIDXCSV,
  type IIDXEamusementCSVContext,
  type IIDXEamusementCSVData,
} from '../common/eamusement-iidx-csv.ts';

export const filePLIIIDXCSV: ImportTypeModule<IIDXEamusementCSVData, IIDXEamusementCSVContext> = {
  parse: (input) => parseEamIIDXCSV(input, 'PLI'),
  convert: (data, context, charts) => convertEamIIDXCSV(data, context, charts, 'file/pli-iidx-csv'),
};
