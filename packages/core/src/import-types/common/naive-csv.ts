/**
 * Tachi's NaiveCSVParse (server/src/utils/naive-csv-parser.ts): e-amusement CSVs do not escape
 * commas or quotes, so rows are split on "\n" and cells on "," with no quoting rules, exactly as
 * Tachi does (a cell wholly wrapped in quotes is unwrapped). Its errors are the import's fatal
 * 400 messages.
 */
import { ImportFatalError } from '../../errors.ts';

export interface NaiveCSV {
  rawHeaders: string[];
  rawRows: string[][];
}

const fatal = (message: string) => new ImportFatalError(400, message);

export function naiveCSVParse(content: Buffer): NaiveCSV {
  const lines = content.toString('utf8').split('\n');

  if (typeof lines[0] !== 'string' || lines[0] === '') {
    throw fatal('Expected headers, but received nothing in the first row.');
  }

  const rawHeaders: string[] = [];
  let headerLen = 0;
  let cur = '';
  for (const char of lines[0]) {
    headerLen++;
    // Tachi's guards against a hostile header row (the second lets 50 headers through, as Tachi's does)
    if (headerLen > 1000) throw fatal('Headers were longer than 1000 characters long.');
    if (rawHeaders.length >= 50) throw fatal('Too many CSV headers.');
    if (char === ',') {
      rawHeaders.push(cur);
      cur = '';
    } else {
      cur += char;
    }
  }
  rawHeaders.push(cur);

  const rawRows: string[][] = [];
  for (let rowNumber = 1; rowNumber < lines.length; rowNumber++) {
    const cells = lines[rowNumber].split(',').map((cell) => {
      const quoted = /^"(.*)"$/u.exec(cell);
      return quoted ? quoted[1] : cell;
    });
    // an empty line splits into one empty cell: skipped
    if (cells.length === 1) continue;
    if (cells.length !== rawHeaders.length) {
      throw fatal(`Row ${rowNumber} has an invalid amount of cells (${cells.length}, expected ${rawHeaders.length}).`);
    }
    rawRows.push(cells);
  }
  return { rawHeaders, rawRows };
}
