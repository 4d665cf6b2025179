/**
 * e-amusement's IIDX score CSV, shared by `file/eamusement-iidx-csv` and `file/pli-iidx-csv`
 * (Tachi's import-types/common/eamusement-iidx-csv): one row per song with every difficulty's
 * level, EX score, PGREATs, GREATs, miss count and lamp; pre-HEROIC VERSE exports (27 columns) have
 * no BEGINNER and LEGGENDARIA columns (their LEGGENDARIAs are rows titled "…†").
 */
import type { GameCharts } from '../../../charts/chart-index.ts';
import { assertPositiveInt } from '../../../charts/resolve.ts';
import { ImportFatalError, ScoreFailure } from '../../../errors.ts';
import { IIDX_VERSIONS } from '../../../games/iidx/config.ts';
import type { ConvertedScore, ImportInput, ParsedImport } from '../../types.ts';
import { naiveCSVParse } from '../../common/naive-csv.ts';
import { findSongOnTitle } from '../../common/songs.ts';

/** e-amusement's version names → Tachi's IIDX version numbers */
const EAM_VERSION_NAMES: Record<string, number> = {
  '1st&substream': 1,
  '2nd style': 2,
  '3rd style': 3,
  '4th style': 4,
  '5th style': 5,
  '6th style': 6,
  '7th style': 7,
  '8th style': 8,
  '9th style': 9,
  '10th style': 10,
  'IIDX RED': 11,
  'HAPPY SKY': 12,
  DistorteD: 13,
  GOLD: 14,
  'DJ TROOPERS': 15,
  EMPRESS: 16,
  SIRIUS: 17,
  'Resort Anthem': 18,
  Lincle: 19,
  tricoro: 20,
  SPADA: 21,
  PENDUAL: 22,
  copula: 23,
  SINOBUZ: 24,
  'CANNON BALLERS': 25,
  Rootage: 26,
  'HEROIC VERSE': 27,
  BISTROVER: 28,
  CastHour: 29,
  RESIDENT: 30,
  EPOLIS: 31,
  'Pinky Crush': 32,
  'Sparkle Shower': 33,
};

const PRE_HV_HEADER_COUNT = 27;
const HV_HEADER_COUNT = 41;

export type EamDifficulty = 'BEGINNER' | 'NORMAL' | 'HYPER' | 'ANOTHER' | 'LEGGENDARIA';

export interface EamusementScoreData {
  difficulty: EamDifficulty;
  lamp: string;
  exscore: string;
  pgreat: string;
  great: string;
  bp: string;
  level: string;
}

export interface IIDXEamusementCSVData {
  title: string;
  timestamp: string;
  score: EamusementScoreData;
}

export interface IIDXEamusementCSVContext {
  [k: string]: unknown;
  game: 'iidx';
  playtype: 'SP' | 'DP';
  importVersion: string;
  hasBeginnerAndLegg: boolean;
  service: string;
}

const fatal = (message: string) => new ImportFatalError(400, message);

/** Tachi's ResolveHeaders */
function hasBeginnerAndLeggColumns(headerCount: number): boolean {
  if (headerCount === PRE_HV_HEADER_COUNT) return false;
  if (headerCount === HV_HEADER_COUNT) return true;
  throw fatal('Invalid CSV provided. CSV does not have the correct amount of headers.');
}

/**
 * Tachi's IIDXCSVParse: every (row, difficulty) as a datapoint, and the CSV's version (the newest
 * any row names). Datapoints Tachi's converter skips without an error (an EX score of 0, which
 * also means a reset score; a level of 0 or none: the chart does not exist) are left out here.
 */
export function parseIIDXCSV(content: Buffer) {
  const { rawHeaders, rawRows } = naiveCSVParse(content);
  const hasBeginnerAndLegg = hasBeginnerAndLeggColumns(rawHeaders.length);
  const diffs: EamDifficulty[] = hasBeginnerAndLegg ? ['BEGINNER', 'NORMAL', 'HYPER', 'ANOTHER', 'LEGGENDARIA'] : ['NORMAL', 'HYPER', 'ANOTHER'];

  const datapoints: IIDXEamusementCSVData[] = [];
  let gameVersion = 0;
  for (const cells of rawRows) {
    const version = cells[0];
    const title = cells[1].trim();
    const timestamp = cells[rawHeaders.length - 1].trim();

    const versionNum = Object.hasOwn(EAM_VERSION_NAMES, version) ? EAM_VERSION_NAMES[version] : undefined;
    if (versionNum === undefined) throw fatal(`Invalid/Unsupported Eamusement Version Name ${version}.`);
    if (versionNum > gameVersion) gameVersion = versionNum;

    diffs.forEach((difficulty, d) => {
      const di = 5 + d * 7;
      const score: EamusementScoreData = {
        difficulty,
        level: cells[di],
        exscore: cells[di + 1],
        pgreat: cells[di + 2],
        great: cells[di + 3],
        bp: cells[di + 4],
        lamp: cells[di + 5],
      };
      // Tachi's converter skips these before anything else (SkipScoreFailure: no error)
      if (score.exscore === '0' || !score.level || score.level === '0') return;
      datapoints.push({ score, timestamp, title });
    });
  }

  const importVersion = String(gameVersion);
  if (!(IIDX_VERSIONS as readonly string[]).includes(importVersion)) {
    throw fatal(`Unsupported version '${gameVersion}'. Is your CSV properly filled out?`);
  }
  return { datapoints, version: importVersion, hasBeginnerAndLegg };
}

/** Tachi's GenericParseEamIIDXCSV: the `playtype` form field (SP or DP) and the filename's safety check. */
export function parseEamIIDXCSV(input: ImportInput, service: string): ParsedImport<IIDXEamusementCSVData, IIDXEamusementCSVContext> {
  const { playtype: givenPlaytype, filename, assertPlaytypeCorrect } = input.options;
  if (givenPlaytype !== 'SP' && givenPlaytype !== 'DP') throw fatal(`Invalid playtype of ${givenPlaytype} given.`);
  const playtype = givenPlaytype;

  // the uploaded file's name, when the upload route passes it on (options.filename)
  const lowercaseFilename = (filename ?? '').toLowerCase();
  if (
    assertPlaytypeCorrect === undefined &&
    ((lowercaseFilename.includes('sp') && playtype === 'DP') || (lowercaseFilename.includes('dp') && playtype === 'SP'))
  ) {
    throw fatal(
      `Safety Triggered: Filename contained '${playtype === 'SP' ? 'DP' : 'SP'}', but was marked as a ${playtype} import. Are you *absolutely* sure this is right?`,
    );
  }

  const { datapoints, version, hasBeginnerAndLegg } = parseIIDXCSV(input.content);
  return {
    game: 'iidx',
    context: { game: 'iidx', playtype, importVersion: version, hasBeginnerAndLegg, service },
    datapoints,
    classes: null,
  };
}

const LAMPS: Record<string, string> = {
  'NO PLAY': 'NO PLAY',
  FAILED: 'FAILED',
  'FULLCOMBO CLEAR': 'FULL COMBO',
  'EX HARD CLEAR': 'EX HARD CLEAR',
  'HARD CLEAR': 'HARD CLEAR',
  CLEAR: 'CLEAR',
  'EASY CLEAR': 'EASY CLEAR',
  'ASSIST CLEAR': 'ASSIST CLEAR',
};

const NINE_HOURS = 9 * 60 * 60 * 1000;

const invalid = (message: string) => new ScoreFailure('InvalidDatapoint', message);
const notFound = (message: string) => new ScoreFailure('SongOrChartNotFound', message);

/**
 * Tachi's ParseDateFromString for e-amusement's "YYYY-MM-DD HH:MM": read as UTC whatever this
 * process's time zone (Tachi's servers run in UTC); other forms as Date.parse reads them.
 */
function parseDate(text: string): number | null {
  if (!text) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/u.exec(text);
  const date = m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0)) : Date.parse(text);
  if (Number.isNaN(date)) throw invalid(`Invalid/Unparsable score timestamp of ${text}.`);
  return date;
}

/** Tachi's ConvertEamIIDXCSV, with its messages. */
export function convertEamIIDXCSV(data: IIDXEamusementCSVData, context: IIDXEamusementCSVContext, charts: GameCharts, importType: string): ConvertedScore {
  const eamScore = data.score;
  let title = data.title;
  let difficulty: EamDifficulty = eamScore.difficulty;
  let isLegacyLeggendaria = false;
  // before HEROIC VERSE, a LEGGENDARIA was a row of its own, titled "…†" or "…†LEGGENDARIA"
  if (!context.hasBeginnerAndLegg && /(†|†LEGGENDARIA)$/u.test(title)) {
    title = title.replace(/(†|†LEGGENDARIA)$/u, '').trimEnd();
    isLegacyLeggendaria = true;
  }

  const song = findSongOnTitle(charts, title);
  if (!song) throw notFound(`Could not find song for ${title}.`);

  // named with the difficulty as the row had it (Tachi's order)
  const chartTitle = `${song.title} (${context.playtype} ${difficulty} [v${context.importVersion}])`;
  if (isLegacyLeggendaria) difficulty = 'LEGGENDARIA';

  const chart = charts.findChartForSong(song.id, context.playtype, difficulty, context.importVersion);
  if (!chart) throw notFound(`Could not find chart for ${chartTitle}`);

  const exscore = assertPositiveInt(eamScore.exscore, `${chartTitle} - Invalid EX score of ${eamScore.exscore}`);
  const maxEX = (chart.data as { notecount: number }).notecount * 2;
  if (exscore > maxEX) {
    throw invalid(`${chartTitle} - Invalid EX Score of ${eamScore.exscore} (Was greater than max chart ex of ${maxEX}).`);
  }

  const pgreat = assertPositiveInt(eamScore.pgreat, `${chartTitle} - Invalid PGreats of ${eamScore.pgreat}`);
  // sic: Tachi's message shows the PGREATs here
  const great = assertPositiveInt(eamScore.great, `${chartTitle} - Invalid Greats of ${eamScore.pgreat}`);
  if (pgreat * 2 + great !== exscore) {
    throw invalid(`${chartTitle} - PGreats * 2 + Greats did not equal EXScore (${pgreat} * 2 + ${great} != ${exscore}).`);
  }

  const lamp = Object.hasOwn(LAMPS, eamScore.lamp) ? LAMPS[eamScore.lamp] : undefined;
  if (!lamp) throw invalid(`${chartTitle} - Invalid Lamp of ${eamScore.lamp}.`);

  const timestamp = parseDate(data.timestamp);

  const optional: Record<string, unknown> = {};
  const numBP = Number(eamScore.bp);
  if (!Number.isNaN(numBP)) {
    if (!Number.isInteger(numBP) || numBP < 0 || numBP > 9999) throw invalid(`${chartTitle} - Invalid BP of ${eamScore.bp}.`);
    optional.bp = numBP;
  }
  // "---" (no miss count) or anything else that is not a number: no BP

  return {
    song,
    chart,
    dryScore: {
      game: 'iidx',
      service: context.service,
      importType,
      comment: null,
      // the CSV's times are Japan's (UTC+9)
      timeAchieved: timestamp !== null ? timestamp - NINE_HOURS : null,
      scoreData: { score: exscore, lamp, judgements: { pgreat, great }, optional },
      scoreMeta: {},
    },
  };
}
