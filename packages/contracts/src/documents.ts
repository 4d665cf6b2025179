/**
 * The documents the read routes answer with, as a client sees them (no Mongo `_id`, no
 * `revertPlan`). The routes' response schemas stay open objects (serialising these strictly would
 * coerce a mistyped field instead of failing); these schemas type the import pages
 * (apps/api/src/pages/client), a compile-time check ties them to the domain's interfaces
 * (apps/api/src/pages/contract-check.ts) and the browser tests check real answers against them.
 */
import { Type, type Static, type TSchema } from 'typebox';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Ratings = Type.Record(Type.String(), Nullable(Type.Number()), { description: 'rating name → value (null: not computable)' });

/** A score's metrics: the game's provided and derived metrics (score, lamp, grade, …) beside these four. */
export const ScoreDataView = Type.Object(
  {
    grade: Type.Optional(Type.String({ description: "every game Tachi tracks has one, derived from the score" })),
    judgements: Type.Record(Type.String(), Nullable(Type.Number())),
    optional: Type.Record(Type.String(), Type.Unknown()),
    /** the position of each enum metric's value in its game's order (e.g. grade, lamp) */
    enumIndexes: Type.Record(Type.String(), Type.Number()),
  },
  { additionalProperties: true },
);
export type ScoreDataView = Static<typeof ScoreDataView> & { [metric: string]: unknown };

export const ScoreView = Type.Object(
  {
    scoreID: Type.String(),
    userID: Type.Integer(),
    game: Type.String(),
    playtype: Type.String(),
    chartID: Type.String(),
    songID: Type.Integer(),
    isPrimary: Type.Boolean(),
    service: Type.String(),
    importType: Type.String(),
    comment: Nullable(Type.String()),
    timeAchieved: Nullable(Type.Number()),
    timeAdded: Type.Number(),
    highlight: Type.Boolean(),
    scoreMeta: Type.Record(Type.String(), Type.Unknown()),
    scoreData: ScoreDataView,
    calculatedData: Ratings,
  },
  { additionalProperties: true },
);
export type ScoreView = Omit<Static<typeof ScoreView>, 'scoreData'> & { scoreData: ScoreDataView };

export const ChartView = Type.Object(
  {
    chartID: Type.String(),
    songID: Type.Integer(),
    difficulty: Type.String(),
    level: Type.String(),
    levelNum: Type.Number(),
    playtype: Type.String(),
    isPrimary: Type.Boolean(),
    versions: Type.Array(Type.String()),
    data: Type.Record(Type.String(), Type.Unknown()),
  },
  { additionalProperties: true },
);
export type ChartView = Static<typeof ChartView>;

export const SongView = Type.Object(
  {
    id: Type.Integer(),
    title: Type.String(),
    artist: Type.String(),
    altTitles: Type.Array(Type.String()),
    searchTerms: Type.Array(Type.String()),
    data: Type.Record(Type.String(), Type.Unknown()),
  },
  { additionalProperties: true },
);
export type SongView = Static<typeof SongView>;

export const SessionView = Type.Object(
  {
    sessionID: Type.String(),
    userID: Type.Integer(),
    game: Type.String(),
    playtype: Type.String(),
    scoreIDs: Type.Array(Type.String()),
    name: Type.String(),
    desc: Nullable(Type.String()),
    highlight: Type.Boolean(),
    timeInserted: Type.Number(),
    timeStarted: Type.Number(),
    timeEnded: Type.Number(),
    calculatedData: Ratings,
  },
  { additionalProperties: true },
);
export type SessionView = Static<typeof SessionView>;

export const ImportErrorView = Type.Object({ type: Type.String(), message: Type.String() });
export const ClassDeltaView = Type.Object({
  game: Type.String(),
  set: Type.String(),
  playtype: Type.String(),
  old: Nullable(Type.String()),
  new: Type.String(),
});
export type ClassDeltaView = Static<typeof ClassDeltaView>;

export const ImportView = Type.Object(
  {
    importID: Type.String(),
    userID: Type.Integer(),
    importType: Type.String(),
    userIntent: Type.Boolean(),
    game: Type.String(),
    playtypes: Type.Array(Type.String()),
    gptStrings: Type.Array(Type.String()),
    scoreIDs: Type.Array(Type.String()),
    errors: Type.Array(ImportErrorView),
    createdSessions: Type.Array(
      Type.Object({ sessionID: Type.String(), type: Type.Union([Type.Literal('Created'), Type.Literal('Appended')]) }),
    ),
    classDeltas: Type.Array(ClassDeltaView),
    goalInfo: Type.Array(Type.Unknown()),
    questInfo: Type.Array(Type.Unknown()),
    timeStarted: Type.Number(),
    timeFinished: Type.Number(),
    /** not in Tachi: scores skipped because they were already stored or repeated in the file */
    skippedDuplicates: Type.Integer(),
  },
  { additionalProperties: true },
);
export type ImportView = Static<typeof ImportView>;

/** Tachi's public user document (no secrets). */
export const UserView = Type.Object(
  { id: Type.Integer(), username: Type.String(), authLevel: Type.Integer() },
  { additionalProperties: true },
);
export type UserView = Static<typeof UserView>;

/** A failed import, as /imports/failed lists it (the `import-trackers` document). */
export const FailedImportView = Type.Object(
  {
    type: Type.Literal('FAILED'),
    importID: Type.String(),
    importType: Type.String(),
    userID: Type.Integer(),
    userIntent: Type.Boolean(),
    timeStarted: Type.Number(),
    error: Type.Object({ statusCode: Type.Integer(), message: Type.String() }),
  },
  { additionalProperties: true },
);
export type FailedImportView = Static<typeof FailedImportView>;

/** The body of GET /api/v1/imports/:importID. */
export const ImportDetail = Type.Object({
  scores: Type.Array(ScoreView),
  songs: Type.Array(SongView),
  charts: Type.Array(ChartView),
  sessions: Type.Array(SessionView),
  import: ImportView,
  /** the owner; `{}` only if the user document is missing */
  user: Type.Partial(UserView),
});
export type ImportDetail = Omit<Static<typeof ImportDetail>, 'scores'> & { scores: ScoreView[] };

/** The bodies of GET /api/v1/imports and /api/v1/imports/failed. */
export const ImportList = Type.Object({ imports: Type.Array(ImportView), users: Type.Array(UserView) });
export type ImportList = Static<typeof ImportList>;
export const FailedImportList = Type.Object({ failedImports: Type.Array(FailedImportView), users: Type.Array(UserView) });
export type FailedImportList = Static<typeof FailedImportList>;
