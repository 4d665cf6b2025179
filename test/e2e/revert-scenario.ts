/**
 * The revert scenario shared by revert.test.ts and revert-interrupted.test.ts: a baseline of two
 * users and an import B that changes everything a revert has to put back.
 *
 * Hand-computed values (spec §5.1): ALBIDA ADV (level 10) 9,000,0xx CLEAR → 0.163;
 * 9,900,000 (S, 105) ULTIMATE CHAIN (105): 20 × 0.99 × 105 × 105 = 218295 → 0.218;
 * level 20, 10,000,000 PUC: 40 × 1 × 105 × 110 = 462000 → 0.462.
 */
import type { Test } from 'tap';
import type { Stack } from '../support/stack.ts';
import { DAY, MINUTE, SDVX, T0, gameStatsOf, importOK, pbOf, sdvxFile, sdvxScore, sessionOf, storedScoreIDsOf, type ImportDoc } from './helpers.ts';

export const ADV = SDVX.ALBIDA_ADV;

export interface Baseline {
  alice: { userID: number; token: string };
  bob: { userID: number; token: string };
  importA: ImportDoc;
  /** the session import A created */
  SA: string;
}

/**
 * alice: 8 scores on ALBIDA ADV 10 minutes apart (one session, no calculatedData with < 10
 * scores) and an untimed Broken ADV score; profile VF6 0.163 + 0.163, SIENNA_I.
 * bob: better than alice on ALBIDA ADV (rank 1 there) and the only one on a level-20 chart.
 */
export async function baseline(stack: Stack): Promise<Baseline> {
  const alice = await stack.user('alice');
  const bob = await stack.user('bob');
  await importOK(
    stack,
    bob.token,
    sdvxFile([
      sdvxScore(ADV, 9_500_000, 'CLEAR', { timeAchieved: T0 - DAY }),
      sdvxScore(SDVX.L20[0], 9_000_000, 'CLEAR', { timeAchieved: T0 - DAY }),
    ]),
  );
  const importA = await importOK(
    stack,
    alice.token,
    sdvxFile([
      ...Array.from({ length: 8 }, (_, k) => sdvxScore(ADV, 9_000_000 + k, 'CLEAR', { timeAchieved: T0 + k * 10 * MINUTE })),
      sdvxScore(SDVX.BROKEN_ADV, 9_000_000, 'CLEAR'),
    ]),
  );
  return { alice, bob, importA, SA: importA.createdSessions[0].sessionID };
}

/**
 * Import B: two scores just before session SA (appended, SA reaches 10 scores), a new best on
 * ALBIDA ADV and five level-20 PUCs two days later (a new session, five new PBs).
 */
export function fileB(extra: Record<string, unknown> = {}) {
  return sdvxFile(
    [
      sdvxScore(ADV, 9_000_010, 'CLEAR', { timeAchieved: T0 - 60 * MINUTE }),
      sdvxScore(ADV, 9_000_011, 'CLEAR', { timeAchieved: T0 - 30 * MINUTE }),
      sdvxScore(ADV, 9_900_000, 'ULTIMATE CHAIN', { timeAchieved: T0 + 2 * DAY }),
      ...SDVX.L20.slice(0, 5).map((c, i) => sdvxScore(c, 10_000_000, 'PERFECT ULTIMATE CHAIN', { timeAchieved: T0 + 2 * DAY + (i + 1) * MINUTE })),
    ],
    extra,
  );
}

/** Checks that import B really changed what the revert must put back. */
export async function checkBApplied(t: Test, stack: Stack, base: Baseline, B: ImportDoc) {
  t.equal(B.scoreIDs.length, 8);
  t.same(await storedScoreIDsOf(stack, B.importID), [...B.scoreIDs].sort());
  t.same(B.createdSessions[0], { sessionID: base.SA, type: 'Appended' });
  t.equal(B.createdSessions[1]?.type, 'Created');
  const sa = await sessionOf(stack, base.SA);
  t.equal(sa?.scoreIDs.length, 10);
  t.equal(sa?.timeStarted, T0 - 60 * MINUTE);
  t.type(sa?.calculatedData.ProfileVF6, 'number');
  const adv = await pbOf(stack, base.alice.userID, ADV.chartID);
  t.same([adv?.scoreData.score, adv?.calculatedData.VF6, adv?.rankingData.rank], [9_900_000, 0.218, 1]);
  t.same((await pbOf(stack, base.bob.userID, ADV.chartID))?.rankingData, { rank: 2, outOf: 2, rivalRank: null });
  t.same((await pbOf(stack, base.bob.userID, SDVX.L20[0].chartID))?.rankingData, { rank: 2, outOf: 2, rivalRank: null });
  const stats = await gameStatsOf(stack, base.alice.userID, 'sdvx');
  t.same(stats?.ratings, { VF6: 0.462 + 0.462 + 0.462 + 0.462 + 0.462 + 0.218 + 0.163 });
  t.equal(stats?.classes.vfClass, 'SIENNA_II');
}
