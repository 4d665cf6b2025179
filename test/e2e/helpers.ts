/**
 * Shared helpers of the end-to-end import/revert tests: submitting through the HTTP API, waiting
 * for the real (in-process BullMQ) worker, reading the raw database state, and the chart facts of
 * the bundled seed data the tests rely on (looked up by hand in ../shared/data/tachi-seeds/).
 *
 * Nothing here computes an expected value with the code under test.
 */
import type { Stack } from '../support/stack.ts';
import { bearer, submitDirect, uploadFile, waitForImport } from '../support/http.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** a fixed, past base time for timeAchieved (2024-01-15T12:00:00Z) */
export const T0 = Date.UTC(2024, 0, 15, 12, 0, 0);

/** SDVX charts of the seeds: inGameID, difficulty, chartID, songID, levelNum. */
export const SDVX = {
  /** song 1 "ALBIDA Powerless Mix" ADV, level 10 (spec §5.3) */
  ALBIDA_ADV: { inGameID: 1, difficulty: 'ADV', chartID: '5088a4d0e1ee9d0cc2f625934306e45b1a60699b', songID: 1, level: 10 },
  ALBIDA_EXH: { inGameID: 1, difficulty: 'EXH', chartID: 'ee2f0a264b047a3139a8d2df219b4712728a668e', songID: 1, level: 13 },
  ALBIDA_NOV: { inGameID: 1, difficulty: 'NOV', chartID: '27b4e3951b5301d005b40a5a7062410d265d2016', songID: 1, level: 5 },
  ALBIDA_INF: { inGameID: 1, difficulty: 'INF', chartID: 'ebf6f2996979997cc063ba4ef1e954cba70b4ea0', songID: 1, level: 17 },
  /** song 2 "Broken 8cmix" */
  BROKEN_ADV: { inGameID: 2, difficulty: 'ADV', chartID: 'ee9ea4460e7ecb8b300a49c7553b58cd61fda017', songID: 2, level: 10 },
  BROKEN_EXH: { inGameID: 2, difficulty: 'EXH', chartID: '3323951ea2ca3198efb2a02bd8d3f93d3d2e12d8', songID: 2, level: 14 },
  /** song 3 EXH, level 10 */
  HIMAWARI_EXH: { inGameID: 3, difficulty: 'EXH', chartID: '45bc3be9544cb0a06902caa1eaf8e1de593b1983', songID: 3, level: 10 },
  /** song 803 "Prayer" (ぺのれり) EXH, level 18 */
  PRAYER_803_EXH: { inGameID: 803, difficulty: 'EXH', chartID: '4394f6c1e12cf29f5295f3706788ceb393b4b4e0', songID: 803, level: 18 },
  /** level 20 charts */
  L20: [
    { inGameID: 636, difficulty: 'ULT', chartID: '05c90a282c02f6a93121c9563f3f617e77eb8833', songID: 636, level: 20 },
    { inGameID: 642, difficulty: 'XCD', chartID: 'ca6a297eab6d8e797c5f8b29cfe672be7a3b3bc4', songID: 642, level: 20 },
    { inGameID: 791, difficulty: 'GRV', chartID: 'cfc5c6eb53cf37bba249669e270e314bdd996d5a', songID: 791, level: 20 },
    { inGameID: 1028, difficulty: 'MXM', chartID: 'bdd6cb387b4e0f82ebcb8489d0e79d3461eb7e7c', songID: 1028, level: 20 },
    { inGameID: 1036, difficulty: 'MXM', chartID: '4c66554a5af087cf66e865d065139f04202da5ea', songID: 1036, level: 20 },
    { inGameID: 1099, difficulty: 'MXM', chartID: 'ab7d089d5555ecf95e8e964554dd52382a82f4d1', songID: 1099, level: 20 },
    { inGameID: 1100, difficulty: 'MXM', chartID: '4d26bac93ac68fb61d95a797d636aaada152ba3d', songID: 1100, level: 20 },
  ],
} as const;

/** CHUNITHM charts of the seeds. */
export const CHUNI = {
  /** song 3 "B.B.K.K.B.K.K." BASIC, level 3 (spec §5.3) */
  BBKK_BASIC: { inGameID: 3, difficulty: 'BASIC', chartID: 'c4268f2cbc90d2f08eb2fb5a13d044f1554bd91d', songID: 3, level: 3 },
  /** song 3 MASTER, level 12.5 */
  BBKK_MASTER: { inGameID: 3, difficulty: 'MASTER', chartID: 'b9f28233c95dca1db0bc7a3dad0d81c051fa1644', songID: 3, level: 12.5 },
  /** song 0 "天体観測" BASIC, level 2 */
  SONG0_BASIC: { inGameID: 0, difficulty: 'BASIC', chartID: '630e9d9417133e79cf65e0d2e594048643a3042b', songID: 0, level: 2 },
  /** level 14.0 charts */
  L14: [
    { inGameID: 51, difficulty: 'MASTER', chartID: '212d50b6e7a3a170300dc45bc5781e83e5e20aed', songID: 51, level: 14 },
    { inGameID: 64, difficulty: 'MASTER', chartID: '20e1f7fa4b302cce00e33c430d6e6cbce482c5d3', songID: 64, level: 14 },
    { inGameID: 73, difficulty: 'MASTER', chartID: '3cea86b4faec0bd8ef8bbd29ec610dfcb76a7ee9', songID: 73, level: 14 },
    { inGameID: 92, difficulty: 'MASTER', chartID: '24fe87f07ca5389c60faad16576f471d6d7521eb', songID: 92, level: 14 },
    { inGameID: 121, difficulty: 'MASTER', chartID: 'd83573fb54f88619c2f39e6b7439428b03e3bf14', songID: 121, level: 14 },
    { inGameID: 222, difficulty: 'MASTER', chartID: '0f92cdf408a3ab89e2daae2c0836784094df0a28', songID: 222, level: 14 },
  ],
} as const;

type ChartRef = { inGameID: number; difficulty: string };

export function sdvxScore(chart: ChartRef, score: number, lamp: string, extra: Record<string, unknown> = {}) {
  return { score, lamp, matchType: 'sdvxInGameID', identifier: String(chart.inGameID), difficulty: chart.difficulty, ...extra };
}

export function chuniScore(chart: ChartRef, score: number, noteLamp: string, clearLamp: string, extra: Record<string, unknown> = {}) {
  return { score, noteLamp, clearLamp, matchType: 'inGameID', identifier: String(chart.inGameID), difficulty: chart.difficulty, ...extra };
}

export function sdvxFile(scores: object[], extra: Record<string, unknown> = {}) {
  return { meta: { game: 'sdvx', playtype: 'Single', service: 'e2e-tests' }, scores, ...extra };
}

export function chuniFile(scores: object[], extra: Record<string, unknown> = {}) {
  return { meta: { game: 'chunithm', playtype: 'Single', service: 'e2e-tests' }, scores, ...extra };
}

export interface ImportDoc {
  importID: string;
  userID: number;
  importType: string;
  userIntent: boolean;
  game: string;
  playtypes: string[];
  gptStrings: string[];
  scoreIDs: string[];
  errors: { type: string; message: string }[];
  createdSessions: { sessionID: string; type: 'Created' | 'Appended' }[];
  classDeltas: { game: string; set: string; playtype: string; old: string | null; new: string }[];
  goalInfo: unknown[];
  questInfo: unknown[];
  timeStarted: number;
  timeFinished: number;
  skippedDuplicates: number;
}

/** Submits (file upload or direct-manual body) and waits; throws unless the import completed. */
export async function importOK(
  stack: Stack,
  token: string,
  doc: object,
  via: 'file' | 'direct' = 'file',
  headers: Record<string, string> = {},
): Promise<ImportDoc> {
  const res = via === 'file' ? await uploadFile(stack.app, token, doc, headers) : await submitDirect(stack.app, token, doc, headers);
  if (res.statusCode !== 202) throw new Error(`expected 202, got ${res.statusCode}: ${res.body}`);
  const importID = res.json().body.importID as string;
  const final = await waitForImport(stack.app, importID);
  if (final.statusCode !== 200 || final.json.body?.importStatus !== 'completed') {
    throw new Error(`import ${importID} did not complete: ${final.statusCode} ${JSON.stringify(final.json)}`);
  }
  return final.json.body.import as ImportDoc;
}

/** Submits content that must fail as a whole; returns the final poll-status answer. */
export async function importFails(
  stack: Stack,
  token: string,
  content: string | object,
  via: 'file' | 'direct' = 'file',
  headers: Record<string, string> = {},
): Promise<{ statusCode: number; json: { success: boolean; description: string; body?: unknown } }> {
  const res =
    via === 'file'
      ? await uploadFile(stack.app, token, typeof content === 'string' ? content : JSON.stringify(content), headers)
      : await submitDirect(stack.app, token, content, headers);
  if (res.statusCode !== 202) throw new Error(`expected 202, got ${res.statusCode}: ${res.body}`);
  const importID = res.json().body.importID as string;
  return waitForImport(stack.app, importID);
}

export async function revert(stack: Stack, token: string, importID: string) {
  return stack.app.inject({ method: 'POST', url: `/api/v1/imports/${importID}/revert`, headers: bearer(token) });
}

const NO_ID = { projection: { _id: 0 } } as const;

function sortBy<T>(rows: T[], key: (row: T) => string): T[] {
  return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

// raw stored documents, compared whole with t.same; field access in tests stays terse
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = Record<string, any>;

/**
 * The whole stored state of every user (all users, so other users' PB rankings are included),
 * each collection as a sorted array with only Mongo's _id projected out.
 */
export async function dbState(stack: Stack) {
  const db = stack.db;
  const all = async (c: typeof db.scores) => (await c.find({}, NO_ID).toArray()) as Row[];
  return {
    scores: sortBy(await all(db.scores), (s) => s.scoreID),
    personalBests: sortBy(await all(db.personalBests), (p) => `${p.userID}:${p.chartID}`),
    sessions: sortBy(await all(db.sessions), (s) => s.sessionID),
    gameStats: sortBy(await all(db.gameStats), (g) => `${g.userID}:${g.game}:${g.playtype}`),
    imports: sortBy(await all(db.imports), (i) => i.importID),
    orphans: sortBy(await all(db.orphans), (o) => o.orphanID),
    importCheckpoints: sortBy(await all(db.importCheckpoints), (c) => c.importID),
  };
}

export async function scoresOf(stack: Stack, filter: Row): Promise<Row[]> {
  return (await stack.db.scores.find(filter, NO_ID).toArray()) as Row[];
}

/** The user's PB on a chart as the API shows it (GET …/pbs/:chartID, its rankingData computed there). */
export async function pbOf(stack: Stack, userID: number, chartID: string): Promise<Row | null> {
  const stored = await stack.db.personalBests.findOne({ userID, chartID }, { projection: { _id: 0, game: 1, playtype: 1 } });
  if (!stored) return null;
  const res = await stack.app.inject({ method: 'GET', url: `/api/v1/users/${userID}/games/${stored.game}/${stored.playtype}/pbs/${chartID}` });
  if (res.statusCode !== 200) throw new Error(`PB route answered ${res.statusCode}: ${res.body}`);
  return res.json().body.pb as Row;
}

export async function sessionOf(stack: Stack, sessionID: string): Promise<Row | null> {
  return (await stack.db.sessions.findOne({ sessionID }, NO_ID)) as Row | null;
}

/** The user's stored game stats of one playtype (Single unless said). */
export async function gameStatsOf(stack: Stack, userID: number, game: string, playtype = 'Single'): Promise<Row | null> {
  return (await stack.db.gameStats.findOne({ userID, game, playtype }, NO_ID)) as Row | null;
}

export async function importDocOf(stack: Stack, importID: string): Promise<Row | null> {
  return (await stack.db.imports.findOne({ importID }, NO_ID)) as Row | null;
}

/** Every field of spec §3.13 plus this service's skippedDuplicates, and nothing else. */
export const IMPORT_DOC_KEYS = [
  'classDeltas',
  'createdSessions',
  'errors',
  'game',
  'goalInfo',
  'gptStrings',
  'importID',
  'importType',
  'playtypes',
  'questInfo',
  'scoreIDs',
  'skippedDuplicates',
  'timeFinished',
  'timeStarted',
  'userID',
  'userIntent',
].sort();

/** Scores the database holds for an import, by their importID tag. */
export async function storedScoreIDsOf(stack: Stack, importID: string): Promise<string[]> {
  const rows = await stack.db.scores.find({ importID }, { projection: { _id: 0, scoreID: 1 } }).toArray();
  return rows.map((r) => r.scoreID as string).sort();
}
