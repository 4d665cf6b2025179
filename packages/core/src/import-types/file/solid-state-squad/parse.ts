/**
 * Solid State Squad's XML export (Tachi's ParseSolidStateXML): `s3data > scoredata > song`, read
 * with fast-xml-parser's defaults as Tachi does (numbers in tags become numbers), then checked with
 * prudence's messages.
 */
import { XMLParser } from 'fast-xml-parser';
import { ImportFatalError } from '../../../errors.ts';
import type { ImportInput, ParsedImport } from '../../types.ts';
import { formatPrError, p, prValidate, type PrSchema } from '../../common/prudence.ts';

export interface S3Score {
  id: number;
  diff: 'A' | 'A14' | 'B' | 'B14' | 'L7' | 'L14' | 5 | 7 | 14;
  songname: string;
  exscore: number;
  styles: string;
  scorebreakdown?: { justgreats: number; greats: number; good: number; bad: number; poor: number };
  mods: { hardeasy?: 'E' | 'H' };
  cleartype: 'cleared' | 'combo' | 'comboed' | 'perfect' | 'perfected' | 'played';
  date: string;
  comment?: string;
}

export interface S3Context {
  [k: string]: unknown;
  game: 'iidx';
}

const PR_SOLID_STATE: PrSchema = {
  s3data: {
    userdata: { id: p.isPositiveInteger, login: 'string', djname: 'string' },
    scoredata: {
      song: [
        {
          id: p.isPositiveInteger,
          diff: p.isIn('L7', 7, 'A', 'B', 5, 'L14', 14, 'A14', 'B14'),
          // the XML parser turns titles such as ".59", "2002" or "1989" into numbers
          songname: p.or('string', 'number'),
          styles: 'string',
          exscore: p.isPositiveInteger,
          scorebreakdown: p.optional({
            justgreats: p.isPositiveInteger,
            greats: p.isPositiveInteger,
            good: p.isPositiveInteger,
            bad: p.isPositiveInteger,
            poor: p.isPositiveInteger,
          }),
          mods: { hardeasy: p.optional(p.isIn('H', 'E')) },
          cleartype: p.isIn('played', 'cleared', 'combo', 'comboed', 'perfect', 'perfected'),
          date: 'string',
        },
      ],
    },
  },
};

const xmlParser = new XMLParser();

export function parseSolidStateXML(input: ImportInput): ParsedImport<S3Score, S3Context> {
  let parsed: { s3data?: { scoredata?: { song?: unknown } } } | undefined;
  try {
    parsed = xmlParser.parse(input.content.toString('utf8')) as typeof parsed;
  } catch {
    throw new ImportFatalError(400, 'Could not parse XML.');
  }

  let songs = parsed?.s3data?.scoredata?.song;
  if (songs === undefined) throw new ImportFatalError(400, 'Invalid S3 XML, no s3data -> scoredata -> song?');
  // one <song> is not an array to the XML parser
  if (!Array.isArray(songs)) songs = [songs];
  parsed!.s3data!.scoredata!.song = songs;

  const err = prValidate(parsed, PR_SOLID_STATE, { allowExcessKeys: true });
  if (err) throw new ImportFatalError(400, formatPrError(err, 'Invalid S3 XML.'));

  const datapoints = (songs as (Omit<S3Score, 'songname'> & { songname: string | number })[]).map((s) => ({
    ...s,
    // back to strings; ".59" became 0.59
    songname: s.songname === 0.59 ? '.59' : String(s.songname),
  }));
  return { game: 'iidx', context: { game: 'iidx' }, datapoints, classes: null };
}
