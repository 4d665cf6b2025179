/**
 * `ir/fervidex`: one IIDX score as fervidex (the IIDX hook) POSTs it to /ir/fervidex/score/submit
 * (Tachi's ParseFervidexSingle), and the class submission of /ir/fervidex/class/submit (Tachi
 * writes the dan directly; here it is an import that provides the class and no scores).
 */
import { ImportFatalError } from '../../../errors.ts';
import { gpt } from '../../../games/registry.ts';
import type { ImportContext, ImportInput, ParsedImport } from '../../types.ts';
import {
  EXT_BISTROVER,
  EXT_CANNON_BALLERS,
  EXT_CASTHOUR,
  EXT_EPOLIS,
  EXT_HEROIC_VERSE,
  EXT_PINKYCRUSH,
  EXT_RESIDENT,
  EXT_ROOTAGE,
  MODEL_IIDX,
  MODEL_IIDX_LIGHTNING,
  MODEL_INFINITAS_2,
  REV_2DXTRA,
  REV_NORMAL,
  REV_OMNIMIX,
  parseEA3SoftID,
} from '../common/ea3id.ts';
import { formatPrError, optNull, p, prudence, prudenceErrorFormatter, type PrSchema } from '../../common/prudence.ts';

export type FervidexChart = `${'dp' | 'sp'}${'a' | 'b' | 'h' | 'l' | 'n'}`;

export const FERVIDEX_CHARTS = ['spb', 'spn', 'dpn', 'sph', 'dph', 'spa', 'dpa', 'spl', 'dpl'] as const;

type FerOption<T extends string> = T | null | undefined;

/** Tachi's FervidexScore */
export interface FervidexScore {
  chart: FervidexChart;
  entry_id: number;
  chart_sha256?: string;
  /** a 2dxtra chart */
  custom?: boolean;
  pgreat: number;
  great: number;
  good: number;
  bad: number;
  poor: number;
  slow: number;
  fast: number;
  max_combo?: number;
  combo_break: number;
  ex_score: number;
  clear_type: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;
  gauge: number[];
  ghost: unknown;
  dead?: { measure?: number | null; note?: number | null };
  option?: {
    gauge?: FerOption<'ASSISTED_EASY' | 'EASY' | 'EX_HARD' | 'HARD' | `EROSION_LV${1 | 2 | 3 | 4 | 5}`>;
    range?: FerOption<'HIDDEN_PLUS' | 'LIFT_SUD_PLUS' | 'LIFT' | 'SUD_PLUS_HID_PLUS' | 'SUDDEN_PLUS'>;
    style?: FerOption<'MIRROR' | 'R_RANDOM' | 'RANDOM' | 'S_RANDOM'>;
    style_2p?: FerOption<'MIRROR' | 'R_RANDOM' | 'RANDOM' | 'S_RANDOM'>;
    assist?: FerOption<'ASCR_LEGACY' | 'AUTO_SCRATCH' | 'FULL_ASSIST' | 'LEGACY_NOTE'>;
  };
  pacemaker?: unknown;
  '2dx-gsm'?: { EASY: (number | null)[]; NORMAL: (number | null)[]; HARD: (number | null)[]; EX_HARD: (number | null)[] } | null;
  highlight?: boolean;
  duplicate?: boolean;
}

export interface FervidexContext extends ImportContext {
  game: 'iidx';
  version: string;
  timeReceived: number;
  /** the submitting user (Tachi's context carries it too) */
  userID: number | null;
}

const RANDOMS = ['RANDOM', 'R_RANDOM', 'S_RANDOM', 'MIRROR'];

/** Tachi's PR_FERVIDEX */
const PR_FERVIDEX: PrSchema = {
  chart: p.isIn(...FERVIDEX_CHARTS),
  entry_id: p.isPositiveInteger,
  chart_sha256: '*string',
  custom: '*boolean',

  pgreat: p.isPositiveInteger,
  great: p.isPositiveInteger,
  good: p.isPositiveInteger,
  bad: p.isPositiveInteger,
  poor: p.isPositiveInteger,

  slow: p.isPositiveInteger,
  fast: p.isPositiveInteger,
  max_combo: p.optional(p.isPositiveInteger),
  combo_break: p.isPositiveInteger,

  ex_score: p.isPositiveInteger,
  clear_type: p.isBoundedInteger(0, 7),

  gauge: [p.isBoundedInteger(0, 255)],
  ghost: p.any,

  dead: p.optional({
    measure: optNull(p.isPositiveInteger),
    note: optNull(p.isPositiveInteger),
  }),

  option: p.optional({
    gauge: optNull(p.isIn('ASSISTED_EASY', 'EASY', 'HARD', 'EX_HARD', 'EROSION_LV1', 'EROSION_LV2', 'EROSION_LV3', 'EROSION_LV4', 'EROSION_LV5')),
    range: optNull(p.isIn('SUDDEN_PLUS', 'HIDDEN_PLUS', 'SUD_PLUS_HID_PLUS', 'LIFT', 'LIFT_SUD_PLUS')),
    style: optNull(p.isIn(...RANDOMS)),
    style_2p: optNull(p.isIn(...RANDOMS)),
    assist: optNull(p.isIn('AUTO_SCRATCH', 'LEGACY_NOTE', 'ASCR_LEGACY', 'FULL_ASSIST')),
  }),

  pacemaker: p.any,

  '2dx-gsm': p.optional({
    EASY: [p.isBoundedInteger(0, 255)],
    NORMAL: [p.isBoundedInteger(0, 255)],
    HARD: [p.isBoundedInteger(0, 255)],
    EX_HARD: [p.isBoundedInteger(0, 255)],
  }),

  highlight: p.optional('boolean'),
  duplicate: p.optional('boolean'),
};

/**
 * Tachi's SoftwareIDToVersion: the IIDX version of an X-Software-Model (`LDJ:J:B:A:2020092900` →
 * "27"). Throws `Unsupported Software Model <model>.` for anything else.
 */
export function softwareIDToVersion(model: string): string {
  const unsupported = () => new Error(`Unsupported Software Model ${model}.`);
  let data;
  try {
    data = parseEA3SoftID(model);
  } catch {
    throw unsupported();
  }
  const { rev, ext } = data;
  if (data.model === MODEL_INFINITAS_2) return 'inf';
  if (data.model === MODEL_IIDX || data.model === MODEL_IIDX_LIGHTNING) {
    const byRev = (versions: Partial<Record<string, string>>) => versions[rev];
    let version: string | undefined;
    if (ext === EXT_CANNON_BALLERS) version = byRev({ [REV_NORMAL]: '25' });
    else if (EXT_ROOTAGE.includes(ext)) version = byRev({ [REV_OMNIMIX]: '26-omni', [REV_NORMAL]: '26' });
    else if (ext === EXT_HEROIC_VERSE) version = byRev({ [REV_OMNIMIX]: '27-omni', [REV_2DXTRA]: '27-2dxtra', [REV_NORMAL]: '27' });
    else if (ext === EXT_BISTROVER) version = byRev({ [REV_OMNIMIX]: '28-omni', [REV_2DXTRA]: '28-2dxtra', [REV_NORMAL]: '28' });
    else if (ext === EXT_CASTHOUR) version = byRev({ [REV_NORMAL]: '29', [REV_OMNIMIX]: '29-omni' });
    else if (EXT_RESIDENT.includes(ext)) version = byRev({ [REV_NORMAL]: '30', [REV_OMNIMIX]: '30-omni', [REV_2DXTRA]: '30-2dxtra' });
    else if (EXT_EPOLIS.includes(ext)) version = byRev({ [REV_NORMAL]: '31', [REV_OMNIMIX]: '31-omni', [REV_2DXTRA]: '31-2dxtra' });
    else if (EXT_PINKYCRUSH.includes(ext)) version = byRev({ [REV_NORMAL]: '32', [REV_OMNIMIX]: '32-omni' });
    if (version !== undefined) return version;
  }
  throw unsupported();
}

/** softwareIDToVersion for a parser: an unsupported model fails the import (400). */
export function versionOfModel(model: string | undefined): string {
  try {
    return softwareIDToVersion(model ?? '');
  } catch (err) {
    throw new ImportFatalError(400, (err as Error).message);
  }
}

export function readJSONBody(input: ImportInput): unknown {
  try {
    return JSON.parse(input.content.toString('utf8'));
  } catch {
    throw new ImportFatalError(400, 'Invalid JSON body.');
  }
}

/** The class submission (POST /ir/fervidex/class/submit), checked as Tachi's route checks it. */
export type FervidexClassSubmission =
  | { ok: false; message: string }
  | { ok: true; cleared: false }
  | { ok: true; cleared: true; playtype: 'SP' | 'DP'; dan: string };

const PR_FERVIDEX_CLASS: PrSchema = {
  cleared: 'boolean',
  course_id: p.isBoundedInteger(0, 18),
  play_style: p.isIn(0, 1),
};

export function readFervidexClass(body: unknown): FervidexClassSubmission {
  const err = prudence(body, PR_FERVIDEX_CLASS, {}, { allowExcessKeys: true });
  // Tachi prints the value with String() here, not as its prValidate middleware does
  if (err) return { ok: false, message: prudenceErrorFormatter(err.message, String(err.value), err.keychain) };
  const { cleared, course_id, play_style } = body as { cleared: boolean; course_id: number; play_style: 0 | 1 };
  if (!cleared) return { ok: true, cleared: false };
  const playtype = play_style === 0 ? 'SP' : 'DP';
  const dans = gpt('iidx', playtype).config.classes.dan.values;
  // course_id is 0–18 and there are 19 dans: Tachi's "Unknown course_id" cannot happen
  return { ok: true, cleared: true, playtype, dan: dans[course_id] };
}

export type ParsedFervidex = ParsedImport<FervidexScore, FervidexContext>;

export function parseFervidex(input: ImportInput): ParsedFervidex {
  const version = versionOfModel(input.options.model);
  const userID = input.options.userID !== undefined ? Number(input.options.userID) : null;
  const context: FervidexContext = { game: 'iidx', version, timeReceived: input.submittedAt, userID };
  const body = readJSONBody(input);

  if (input.options.submission === 'class') {
    const submission = readFervidexClass(body);
    if (!submission.ok) throw new ImportFatalError(400, submission.message);
    return {
      game: 'iidx',
      context,
      datapoints: [],
      classes: submission.cleared ? { [submission.playtype]: { dan: submission.dan } } : null,
    };
  }

  // more options may be added to fervidex in the future: excess keys are ignored
  const err = prudence(body, PR_FERVIDEX, {}, { allowExcessKeys: true });
  if (err) throw new ImportFatalError(400, formatPrError(err, 'Invalid Fervidex Request?'));
  const score = body as FervidexScore;
  // Tachi's converter skips BEGINNER charts (SkipScoreFailure: no score, no error); so does this parser
  return { game: 'iidx', context, datapoints: score.chart.endsWith('b') ? [] : [score], classes: null };
}
