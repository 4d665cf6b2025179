/**
 * WaccaMyPageScraper's records CSV (Tachi's ParseMyPageScraperRecordsCSV): one line per song, its
 * four difficulties' levels, scores and lamps as bracketed arrays; one datapoint per played chart.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { ImportFatalError } from '../../../errors.ts';
import type { ImportInput, ParsedImport } from '../../types.ts';
import { prValidate, type PrSchema } from '../../common/prudence.ts';

export interface MyPageRecordsParsedPB {
  songId: number;
  songTitle: string;
  diffIndex: number;
  level: string;
  score: number;
  lamp: number;
}

export interface MyPageScraperContext {
  [k: string]: unknown;
  game: 'wacca';
}

interface RawRecord {
  music_id: string;
  music_title: string;
  music_levels: string;
  music_scores: string;
  music_achieves: string;
}

const RECORDS_CSV_SCHEMA: PrSchema = {
  music_id: 'string',
  music_title: 'string',
  music_levels: 'string',
  music_scores: 'string',
  music_achieves: 'string',
};

const ARRAY_REGEX = /\[(.+?),(.+?),(.+?)(?:,(.+?))?\]/u;

/** "[3,7+,12+,0]" → its 3 or 4 elements; anything else → none */
function parseCSVArray(text: string): string[] {
  const matches = ARRAY_REGEX.exec(text);
  if (matches === null) return [];
  const out: string[] = [];
  for (let i = 1; i <= 4; i++) {
    if (matches[i] === undefined) break;
    out.push(matches[i]);
  }
  return out;
}

/** csv-parse with a header line (Tachi's `parse(buffer, { columns: true })`), its errors fatal. */
export function readCSVWithColumns(content: Buffer): Record<string, unknown>[] {
  try {
    return parse(content, { columns: true }) as Record<string, unknown>[];
  } catch (err) {
    if (err instanceof CsvError) throw new ImportFatalError(400, `Failed to parse CSV: ${err.message}`);
    throw err;
  }
}

export function parseMyPageScraperRecordsCSV(input: ImportInput): ParsedImport<MyPageRecordsParsedPB, MyPageScraperContext> {
  const records = readCSVWithColumns(input.content);
  for (const record of records) {
    const err = prValidate(record, RECORDS_CSV_SCHEMA, { allowExcessKeys: true });
    if (err) {
      throw new ImportFatalError(400, `Malformed CSV, invalid column(s) (${err.keychain}: ${String(err.value)}): ${err.message}`);
    }
  }

  const datapoints: MyPageRecordsParsedPB[] = [];
  for (const record of records as unknown as RawRecord[]) {
    const levels = parseCSVArray(record.music_levels);
    const scores = parseCSVArray(record.music_scores);
    const lamps = parseCSVArray(record.music_achieves);
    for (const [diffIndex, level] of levels.entries()) {
      // a level of 0: the song has no such chart (most have no INFERNO)
      if (level === '0') continue;
      const score = Number(scores[diffIndex]);
      // a score of 0: never played
      if (score === 0) continue;
      datapoints.push({
        songId: Number(record.music_id),
        songTitle: record.music_title,
        diffIndex,
        level,
        score,
        lamp: Number(lamps[diffIndex]),
      });
    }
  }
  return { game: 'wacca', context: { game: 'wacca' }, datapoints, classes: null };
}
