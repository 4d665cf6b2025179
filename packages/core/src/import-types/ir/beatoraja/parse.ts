/**
 * `ir/beatoraja`: a score as the Tachi IR plugin of beatoraja / LR2oraja POSTs it to
 * /ir/beatoraja/submit-score (Tachi's ParseBeatorajaSingle), and the course clears of
 * /ir/beatoraja/submit-course (Tachi writes the class directly; here an import provides it).
 */
import { templateString } from '../../batch-manual/schema.ts';
import { ImportFatalError } from '../../../errors.ts';
import type { ImportContext, ImportInput, ParsedImport } from '../../types.ts';
import { answer, findBMSCourse, type CourseOutcome } from '../common/bms-courses.ts';
import { formatPrError, isRecord, p, prValidateMessage, prudence, type PrSchema } from '../../common/prudence.ts';
import { readJSONBody } from '../fervidex/parse.ts';

export const BEATORAJA_CLEARS = [
  'NoPlay',
  'Failed',
  'AssistEasy',
  'LightAssistEasy',
  'Easy',
  'Normal',
  'Hard',
  'ExHard',
  'FullCombo',
  'Perfect',
  'Max',
] as const;

export interface BeatorajaChart {
  /** NOT guaranteed to be an MD5 at all: beatoraja may send anything here ("", "null" …) */
  md5: string;
  sha256: string;
  title: string;
  subtitle: string;
  genre: string;
  artist: string;
  subartist: string;
  total: number;
  mode: 'BEAT_7K' | 'BEAT_14K' | 'POPN_9K';
  judge: number;
  notes: number;
  hasRandom: boolean;
  hasUndefinedLN: boolean;
  lntype: -1 | 0 | 1 | 2;
}

export interface BeatorajaScore {
  sha256: string;
  exscore: number;
  passnotes: number;
  gauge: number;
  deviceType: 'BM_CONTROLLER' | 'KEYBOARD' | 'MIDI';
  minbp: number;
  option: number;
  lntype: 0 | 1;
  clear: (typeof BEATORAJA_CLEARS)[number];
  assist: 0;
  maxcombo: number;
  epg: number;
  egr: number;
  egd: number;
  ebd: number;
  epr: number;
  lpg: number;
  lgr: number;
  lgd: number;
  lbd: number;
  lpr: number;
  ems: number;
  lms: number;
}

export interface BeatorajaContext extends ImportContext {
  game: 'bms' | 'pms';
  client: 'beatoraja' | 'lr2oraja';
  chart: BeatorajaChart;
  userID: number | null;
  timeReceived: number;
}

const PR_BEATORAJA_SCORE: PrSchema = {
  // sha256 MUST be a 64 char hex string
  sha256: p.regex(/^[0-9a-f]{64}$/u),
  exscore: p.isPositiveInteger,
  passnotes: p.isPositiveInteger,
  gauge: p.or(p.isBetween(0, 100), p.is(-1)),
  deviceType: p.isIn('BM_CONTROLLER', 'KEYBOARD', 'MIDI'),
  minbp: p.or(p.isPositiveInteger, p.is(-1)),
  option: p.isInteger,
  lntype: p.isIn(0, 1),
  clear: p.isIn(...BEATORAJA_CLEARS),
  assist: p.is(0),
  maxcombo: p.isPositiveInteger,
  epg: p.isPositiveInteger,
  egr: p.isPositiveInteger,
  egd: p.isPositiveInteger,
  ebd: p.isPositiveInteger,
  epr: p.isPositiveInteger,
  lpg: p.isPositiveInteger,
  lgr: p.isPositiveInteger,
  lgd: p.isPositiveInteger,
  lbd: p.isPositiveInteger,
  lpr: p.isPositiveInteger,
  ems: p.isPositiveInteger,
  lms: p.isPositiveInteger,
};

const PR_BEATORAJA_CHART: PrSchema = {
  md5: 'string',
  sha256: p.regex(/^[0-9a-f]{64}$/u),
  title: 'string',
  subtitle: 'string',
  genre: 'string',
  artist: 'string',
  subartist: 'string',
  total: p.isPositive,
  lntype: p.isIn(-1, 0, 1, 2),
  // the only modes accepted
  mode: p.isIn('BEAT_7K', 'BEAT_14K', 'POPN_9K'),
  judge: p.isPositive,
  notes: p.isPositiveInteger,
  hasUndefinedLN: 'boolean',
  hasRandom: 'boolean',
};

const PR_BEATORAJA_COURSE: PrSchema = {
  course: {
    charts: (self) =>
      (Array.isArray(self) && self.length === 4 && self.every((c: unknown) => isRecord(c) && typeof c.md5 === 'string')) ||
      'Expected an array of 4 objects with MD5 properties.',
    constraint: ['string'],
  },
  score: {
    // a course may come with any of these lamps
    clear: p.isIn(...BEATORAJA_CLEARS),
    option: p.isInteger,
    lntype: p.isIn(0, 1, 2),
  },
};

/** POST /ir/beatoraja/submit-course, checked as Tachi's route checks it (400s, 404, the not-cleared 200). */
export function readBeatorajaCourse(body: unknown): CourseOutcome {
  const err = prudence(body, PR_BEATORAJA_COURSE, {}, { allowExcessKeys: true });
  if (err) return answer(400, prValidateMessage(err));
  const { course, score } = body as {
    course: { charts: { md5: string }[]; constraint: string[] };
    score: { clear: string; option: number; lntype: number };
  };
  if (['Failed', 'NoPlay', 'Easy', 'LightAssistEasy', 'AssistEasy'].includes(score.clear)) {
    return answer(200, "Class not updated, as you didn't clear this course.");
  }
  if (score.lntype !== 0) return answer(400, 'LN mode is the only supported mode for dans.');
  if (course.constraint.includes('CN')) return answer(400, 'CN mode is not allowed in dans.');
  if (course.constraint.includes('HCN')) return answer(400, 'HCN mode is not allowed in dans.');
  if (course.constraint.some((f) => f.startsWith('GAUGE_') && f !== 'GAUGE_LR2')) return answer(400, 'Dan GAUGE mode must be GAUGE_LR2.');
  if (score.option !== 0 && score.option !== 1) return answer(400, 'RANDOM is not allowed in courses.');
  const found = findBMSCourse(course.charts.map((c) => c.md5).join(''));
  if (!found) return answer(404, 'Unsupported course.');
  return { kind: 'class', course: found };
}

/** A course submission as an import: no scores, the course's class (or the route's refusal, as a fatal error). */
export function courseImport<D, C extends ImportContext>(outcome: CourseOutcome, context: C): ParsedImport<D, C> {
  if (outcome.kind === 'answer') {
    if (!outcome.body.success) throw new ImportFatalError(outcome.statusCode, outcome.body.description);
    return { game: 'bms', context, datapoints: [], classes: null };
  }
  const { playtype, set, value } = outcome.course;
  return { game: 'bms', context, datapoints: [], classes: { [playtype]: { [set]: value } } };
}

export function parseBeatoraja(input: ImportInput): ParsedImport<BeatorajaScore, BeatorajaContext> {
  const body = readJSONBody(input);
  const userID = input.options.userID !== undefined ? Number(input.options.userID) : null;
  if (input.options.submission === 'course') {
    // a course has no score: its context is only the game and the user
    return courseImport(readBeatorajaCourse(body), { game: 'bms', userID } as BeatorajaContext);
  }

  const record = isRecord(body) ? body : {};
  const scoreErr = prudence(record.score, PR_BEATORAJA_SCORE, {}, { allowExcessKeys: true });
  if (scoreErr) throw new ImportFatalError(400, formatPrError(scoreErr, 'Invalid Beatoraja Import - Score'));
  const chartErr = prudence(record.chart, PR_BEATORAJA_CHART, {}, { allowExcessKeys: true });
  if (chartErr) throw new ImportFatalError(400, formatPrError(chartErr, 'Invalid Beatoraja Import - Chart'));

  const client = templateString(record.client);
  const score = record.score as BeatorajaScore;
  const chart = record.chart as BeatorajaChart;
  const isPMS = chart.mode === 'POPN_9K';
  const expectedClient = isPMS ? 'beatoraja' : 'LR2oraja';
  if (!client.startsWith(expectedClient)) {
    throw new ImportFatalError(400, `Unsupported client ${client} -- Expected a variant of ${expectedClient}.`);
  }
  const game = isPMS ? 'pms' : 'bms';
  return {
    game,
    context: { game, client: isPMS ? 'beatoraja' : 'lr2oraja', chart, userID, timeReceived: input.submittedAt },
    datapoints: [score],
    classes: null,
  };
}
