/**
 * `ir/lr2hook`: a score as LR2hook POSTs it to /ir/lr2hook/import (Tachi's ParseLR2Hook), and the
 * course clears of /ir/lr2hook/import/course (Tachi writes the class directly; here an import
 * provides it).
 */
import { ImportFatalError } from '../../../errors.ts';
import type { ImportContext, ImportInput, ParsedImport } from '../../types.ts';
import { answer, findBMSCourse, type CourseOutcome } from '../common/bms-courses.ts';
import { formatPrError, optNull, p, prValidateMessage, prudence, type PrCheck, type PrSchema } from '../../common/prudence.ts';
import { courseImport } from '../beatoraja/parse.ts';
import { readJSONBody } from '../fervidex/parse.ts';

const SUPPORTED_RANDOMS = ['NORAN', 'MIRROR', 'RAN', 'S-RAN'];

export interface LR2HookScore {
  md5: string;
  playerData: {
    autoScr: 0;
    gameMode: unknown;
    random: 'MIRROR' | 'NORAN' | 'RAN' | 'S-RAN';
    gauge: 'EASY' | 'G-ATTACK' | 'GROOVE' | 'HARD' | 'HAZARD' | 'P-ATTACK';
    rseed?: number;
  };
  scoreData: {
    pgreat: number;
    great: number;
    good: number;
    bad: number;
    poor: number;
    maxCombo: number;
    exScore: number;
    moneyScore: number;
    notesTotal: number;
    notesPlayed: number;
    lamp: 'EASY' | 'FAIL' | 'FULL COMBO' | 'HARD' | 'NO PLAY' | 'NORMAL';
    hpGraph: number[];
    extendedJudgements?: {
      epg: number;
      lpg: number;
      egr: number;
      lgr: number;
      egd: number;
      lgd: number;
      ebd: number;
      lbd: number;
      epr: number;
      lpr: number;
      cb: number;
      fast: number;
      slow: number;
      notesPlayed: number;
    } | null;
    extendedHpGraphs?: {
      groove: number[];
      hard: number[];
      hazard: number[];
      easy: number[];
      pattack: number[];
      gattack: number[];
    } | null;
  };
  /** seconds since the epoch */
  unixTimestamp?: number;
}

export interface LR2HookContext extends ImportContext {
  game: 'bms';
  timeReceived: number;
}

const checkHpGraph: PrCheck = (self) => {
  if (!Array.isArray(self)) return 'Expected an array';
  if (self.length !== 1000) return 'Expected an array with length 1000.';
  if (self.some((x) => x < 0 || x > 100 || !Number.isInteger(x))) return 'Expected an array of 1000 integers between 0 and 100.';
  return true;
};

/** Tachi's PR_LR2HOOK */
export const PR_LR2HOOK: PrSchema = {
  md5: 'string',
  playerData: {
    autoScr: p.is(0),
    // "ALL", "SINGLE", "7K", "5K", "DOUBLE", "14K", "10K", "9K": not needed
    gameMode: p.any,
    // ALLSCR and H-RAN may also be sent, but are not supported
    random: p.isIn(SUPPORTED_RANDOMS),
    gauge: p.isIn('GROOVE', 'HARD', 'HAZARD', 'EASY', 'P-ATTACK', 'G-ATTACK'),
    rseed: p.optional(p.isBoundedInteger(0, 0x7ffe)),
  },
  scoreData: {
    pgreat: p.isPositiveInteger,
    great: p.isPositiveInteger,
    good: p.isPositiveInteger,
    bad: p.isPositiveInteger,
    poor: p.isPositiveInteger,
    maxCombo: p.isPositiveInteger,
    exScore: p.isPositiveInteger,
    moneyScore: p.isPositiveInteger,
    notesTotal: p.isPositiveInteger,
    notesPlayed: p.isPositiveInteger,
    lamp: p.isIn('NO PLAY', 'FAIL', 'EASY', 'NORMAL', 'HARD', 'FULL COMBO'),
    hpGraph: checkHpGraph,
    extendedJudgements: optNull({
      epg: p.isPositiveInteger,
      lpg: p.isPositiveInteger,
      egr: p.isPositiveInteger,
      lgr: p.isPositiveInteger,
      egd: p.isPositiveInteger,
      lgd: p.isPositiveInteger,
      ebd: p.isPositiveInteger,
      lbd: p.isPositiveInteger,
      epr: p.isPositiveInteger,
      lpr: p.isPositiveInteger,
      cb: p.isPositiveInteger,
      fast: p.isPositiveInteger,
      slow: p.isPositiveInteger,
      notesPlayed: p.isPositiveInteger,
    }),
    extendedHpGraphs: optNull({
      groove: checkHpGraph,
      hard: checkHpGraph,
      hazard: checkHpGraph,
      easy: checkHpGraph,
      pattack: checkHpGraph,
      gattack: checkHpGraph,
    }),
  },
  unixTimestamp: p.optional(p.isPositiveInteger),
};

/**
 * POST /ir/lr2hook/import/course, checked as Tachi's route checks it: a course is a score whose md5
 * is its four charts' MD5s joined (Tachi's prValidate: excess keys refused).
 */
export function readLR2HookCourse(body: unknown): CourseOutcome {
  const err = prudence(body, PR_LR2HOOK);
  if (err) return answer(400, prValidateMessage(err));
  const score = body as LR2HookScore;
  if (score.scoreData.notesPlayed !== score.scoreData.notesTotal) {
    return answer(200, 'Class not updated. You failed to clear this course.', {
      notesPlayed: score.scoreData.notesPlayed,
      notesTotal: score.scoreData.notesTotal,
    });
  }
  const course = findBMSCourse(score.md5);
  if (!course) return answer(404, `Couldn't find a course with this MD5 (${score.md5}).`);
  return { kind: 'class', course };
}

export function parseLR2Hook(input: ImportInput): ParsedImport<LR2HookScore, LR2HookContext> {
  const body = readJSONBody(input);
  const context: LR2HookContext = { game: 'bms', timeReceived: input.submittedAt };
  if (input.options.submission === 'course') return courseImport(readLR2HookCourse(body), context);

  // excess keys are ignored: lr2hook is likely to send more in the future
  const err = prudence(
    body,
    PR_LR2HOOK,
    {
      playerData: {
        autoScr: 'Auto Scratch cannot be turned on, as it is treated as an EASY CLEAR by LR2.',
        random: `Expected any of ${SUPPORTED_RANDOMS.join(', ')}. Note that ALLSCR and H-RAN are not supported!`,
      },
    },
    { allowExcessKeys: true },
  );
  if (err) throw new ImportFatalError(400, formatPrError(err));
  return { game: 'bms', context, datapoints: [body as LR2HookScore], classes: null };
}
