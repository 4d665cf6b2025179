/**
 * `file/eamusement-iidx-csv`: the score CSV e-amusement's IIDX pages export, with the form field
 * `playtype` (SP or DP).
 */
import type { ImportTypeModule } from '../../types.ts';
import {
  convertEamIIDXCSV,
  parseEamIIDXCSV,
  type IIDXEamusementCSVContext,
  type IIDXEamusementCSVData,
} from '../common/eamusement-iidx-csv.ts';

export const fileEamusementIIDXCSV: ImportTypeModule<IIDXEamusementCSVData, IIDXEamusementCSVContext> = {
  parse: (input) => parseEamIIDXCSV(input, 'e-amusement'),
  convert: (data, context, charts) => convertEamIIDXCSV(data, context, charts, 'file/eamusement-iidx-csv'),
};
