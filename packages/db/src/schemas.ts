/**
 * The one definition of each collection: its fields, its indexes, and (inferred from them) its
 * TypeScript type. `ensureIndexes` creates the indexes from here; the domain's document types
 * (packages/core/src/documents.ts) are these, with the parts whose shape depends on the game
 * (scoreData, calculatedData) narrowed there.
 *
 * Documents are written through the driver's collection methods (db.scores …), not through
 * mongoose documents: an import inserts thousands of scores at once, and mongoose's casting of
 * them costs more than the insert (bench/scenarios/mongoose.ts); the schemas are strict about
 * what they declare and say `Mixed` where a game decides.
 */
import { Schema, type InferRawDocTypeFromSchema } from 'mongoose';

// minimize: false keeps empty objects as Tachi stores them (a token without permissions has `permissions: {}`)
const options = { versionKey: false, _id: true, strict: true, minimize: false } as const;
const Mixed = Schema.Types.Mixed;
const nullableString = { type: String, default: null };
const nullableNumber = { type: Number, default: null };

export const UserSchema = new Schema(
  {
    id: { type: Number, required: true },
    username: { type: String, required: true },
    usernameLowercase: { type: String, required: true },
    socialMedia: { type: Mixed, required: true },
    joinDate: { type: Number, required: true },
    lastSeen: { type: Number, required: true },
    about: { type: String, default: '' },
    status: nullableString,
    customPfpLocation: nullableString,
    customBannerLocation: nullableString,
    badges: { type: [String], default: [] },
    /** 0 banned, 1 user, 2 mod, 3 admin */
    authLevel: { type: Number, required: true },
  },
  options,
);
UserSchema.index({ id: 1 }, { unique: true });
UserSchema.index({ usernameLowercase: 1 }, { unique: true });

export const ApiTokenSchema = new Schema(
  {
    /** sha256 of the token: a leaked database leaks no usable token */
    tokenHash: { type: String, required: true },
    userID: { type: Number, required: true },
    identifier: { type: String, required: true },
    permissions: { type: Mixed, required: true },
    fromAPIClient: nullableString,
  },
  options,
);
ApiTokenSchema.index({ tokenHash: 1 }, { unique: true });
ApiTokenSchema.index({ userID: 1 });

export const CounterSchema = new Schema({ _id: { type: String, required: true }, value: Number, version: String, source: String }, { versionKey: false });

export const ScoreSchema = new Schema(
  {
    scoreID: { type: String, required: true },
    userID: { type: Number, required: true },
    game: { type: String, required: true },
    playtype: { type: String, required: true },
    chartID: { type: String, required: true },
    songID: { type: Number, required: true },
    isPrimary: { type: Boolean, required: true },
    service: { type: String, required: true },
    importType: { type: String, required: true },
    comment: nullableString,
    timeAchieved: nullableNumber,
    timeAdded: { type: Number, required: true },
    highlight: { type: Boolean, required: true },
    scoreMeta: { type: Mixed, required: true },
    /** the game's metrics, judgements, optional metrics and enum indexes */
    scoreData: { type: Mixed, required: true },
    calculatedData: { type: Mixed, required: true },
    /** not in Tachi: the import that inserted the score (revert and retries find it by equality) */
    importID: { type: String },
  },
  options,
);
ScoreSchema.index({ scoreID: 1 }, { unique: true });
ScoreSchema.index({ userID: 1 });
ScoreSchema.index({ importID: 1 });
ScoreSchema.index({ chartID: 1 });
// MongoDB serves a user's scores on some charts from here (FerretDB pushes userID down alone)
ScoreSchema.index({ userID: 1, chartID: 1 });

export const PersonalBestSchema = new Schema(
  {
    userID: { type: Number, required: true },
    chartID: { type: String, required: true },
    game: { type: String, required: true },
    playtype: { type: String, required: true },
    songID: { type: Number, required: true },
    highlight: { type: Boolean, required: true },
    isPrimary: { type: Boolean, required: true },
    timeAchieved: nullableNumber,
    composedFrom: { type: [{ _id: false, name: { type: String, required: true }, scoreID: { type: String, required: true } }], required: true },
    scoreData: { type: Mixed, required: true },
    calculatedData: { type: Mixed, required: true },
  },
  options,
);
PersonalBestSchema.index({ userID: 1, chartID: 1 }, { unique: true });
// a chart's PBs, ranked when shown
PersonalBestSchema.index({ chartID: 1 });
PersonalBestSchema.index({ userID: 1 });
PersonalBestSchema.index({ userID: 1, game: 1, playtype: 1 });

export const SessionSchema = new Schema(
  {
    sessionID: { type: String, required: true },
    userID: { type: Number, required: true },
    game: { type: String, required: true },
    playtype: { type: String, required: true },
    scoreIDs: { type: [String], required: true },
    name: { type: String, required: true },
    desc: nullableString,
    highlight: { type: Boolean, required: true },
    timeInserted: { type: Number, required: true },
    timeStarted: { type: Number, required: true },
    timeEnded: { type: Number, required: true },
    calculatedData: { type: Mixed, required: true },
  },
  options,
);
SessionSchema.index({ sessionID: 1 }, { unique: true });
SessionSchema.index({ userID: 1 });
SessionSchema.index({ userID: 1, game: 1, playtype: 1 });

export const ImportSchema = new Schema(
  {
    importID: { type: String, required: true },
    userID: { type: Number, required: true },
    importType: { type: String, required: true },
    userIntent: { type: Boolean, required: true },
    game: { type: String, required: true },
    playtypes: { type: [String], required: true },
    gptStrings: { type: [String], required: true },
    scoreIDs: { type: [String], required: true },
    errors: { type: [{ _id: false, type: { type: String, required: true }, message: { type: String, required: true } }], required: true },
    createdSessions: { type: [{ _id: false, sessionID: { type: String, required: true }, type: { type: String, enum: ['Created', 'Appended'], required: true } }], required: true },
    classDeltas: {
      type: [{ _id: false, game: { type: String, required: true }, set: { type: String, required: true }, playtype: { type: String, required: true }, old: nullableString, new: { type: String, required: true } }],
      required: true,
    },
    goalInfo: { type: [Mixed], required: true },
    questInfo: { type: [Mixed], required: true },
    timeStarted: { type: Number, required: true },
    timeFinished: { type: Number, required: true },
    /** not in Tachi: scores skipped because they were already stored or repeated in the file */
    skippedDuplicates: { type: Number, required: true },
    /** what a revert in progress will undo (charts, playtypes): a revert interrupted part-way finishes it */
    revertPlan: { type: Mixed },
  },
  { ...options, suppressReservedKeysWarning: true },
);
ImportSchema.index({ importID: 1 }, { unique: true });
ImportSchema.index({ userID: 1 });
ImportSchema.index({ timeFinished: -1 });

export const ImportTrackerSchema = new Schema(
  {
    type: { type: String, required: true, enum: ['FAILED'] },
    importID: { type: String, required: true },
    importType: { type: String, required: true },
    userID: { type: Number, required: true },
    userIntent: { type: Boolean, required: true },
    timeStarted: { type: Number, required: true },
    error: { type: { _id: false, statusCode: Number, message: String }, required: true },
  },
  options,
);
ImportTrackerSchema.index({ importID: 1 }, { unique: true });
ImportTrackerSchema.index({ userID: 1 });
ImportTrackerSchema.index({ type: 1 });

export const ImportCheckpointSchema = new Schema({ importID: { type: String, required: true }, classDeltas: { type: [Mixed], required: true } }, options);
ImportCheckpointSchema.index({ importID: 1 }, { unique: true });

export const GameStatsSchema = new Schema(
  {
    userID: { type: Number, required: true },
    game: { type: String, required: true },
    playtype: { type: String, required: true },
    ratings: { type: Mixed, required: true },
    classes: { type: Mixed, required: true },
  },
  options,
);
GameStatsSchema.index({ userID: 1, game: 1, playtype: 1 }, { unique: true });
GameStatsSchema.index({ userID: 1 });

export const OrphanScoreSchema = new Schema(
  {
    orphanID: { type: String, required: true },
    importType: { type: String, required: true },
    /** the datapoint as sent, and the import's context: enough to convert it again once its chart exists */
    data: { type: Mixed, required: true },
    context: { type: Mixed, required: true },
    userID: { type: Number, required: true },
    game: { type: String, required: true },
    errMsg: { type: String, required: true },
    timeInserted: { type: Number, required: true },
    importID: { type: String },
    /** its chart's key in the orphan-chart queue: the scores to import again once the chart exists */
    chartKey: { type: String },
  },
  options,
);
OrphanScoreSchema.index({ orphanID: 1 }, { unique: true });
OrphanScoreSchema.index({ chartKey: 1 });
OrphanScoreSchema.index({ userID: 1 });
OrphanScoreSchema.index({ importID: 1 });

/** Tachi's orphan-chart-queue: a chart a hook described that no data holds, and who has played it. */
export const OrphanChartSchema = new Schema(
  {
    /** e.g. `bms:7K:<sha256>` */
    key: { type: String, required: true },
    game: { type: String, required: true },
    /** the chart and song to create once enough players have played it */
    chart: { type: Mixed, required: true },
    song: { type: Mixed, required: true },
    userIDs: { type: [Number], required: true },
    /** set when it is being unorphaned: the song's id, kept so that a retry creates the same song */
    songID: { type: Number },
  },
  options,
);
OrphanChartSchema.index({ key: 1 }, { unique: true });
OrphanChartSchema.index({ 'chart.data.hashSHA256': 1 });

export const SongSchema = new Schema(
  {
    id: { type: Number, required: true },
    title: { type: String, required: true },
    artist: { type: String, required: true },
    altTitles: { type: [String], default: [] },
    searchTerms: { type: [String], default: [] },
    data: { type: Mixed, required: true },
  },
  { ...options, strict: false },
);
SongSchema.index({ id: 1 }, { unique: true });

export const ChartSchema = new Schema(
  {
    chartID: { type: String, required: true },
    songID: { type: Number, required: true },
    difficulty: { type: String, required: true },
    level: { type: String, required: true },
    levelNum: { type: Number, required: true },
    playtype: { type: String, required: true },
    isPrimary: { type: Boolean, required: true },
    versions: { type: [String], required: true },
    data: { type: Mixed, required: true },
  },
  { ...options, strict: false },
);
ChartSchema.index({ chartID: 1 }, { unique: true });

/** collection name → schema: every collection of the service but a game's songs and charts */
export const COLLECTIONS = {
  users: UserSchema,
  'api-tokens': ApiTokenSchema,
  counters: CounterSchema,
  scores: ScoreSchema,
  'personal-bests': PersonalBestSchema,
  sessions: SessionSchema,
  imports: ImportSchema,
  'import-trackers': ImportTrackerSchema,
  'import-checkpoints': ImportCheckpointSchema,
  'game-stats': GameStatsSchema,
  'orphan-scores': OrphanScoreSchema,
  'orphan-chart-queue': OrphanChartSchema,
} as const;

/** a stored document of a schema, as the driver returns it with `{ _id: 0 }` */
type Stored<S extends Schema> = Omit<InferRawDocTypeFromSchema<S>, '_id'>;

export type UserDocument = Stored<typeof UserSchema>;
export type ApiTokenDocument = Stored<typeof ApiTokenSchema>;
export type StoredScore = Stored<typeof ScoreSchema>;
export type StoredPersonalBest = Stored<typeof PersonalBestSchema>;
export type StoredSession = Stored<typeof SessionSchema>;
export type StoredImport = Stored<typeof ImportSchema>;
export type ImportTrackerDocument = Stored<typeof ImportTrackerSchema>;
export type StoredGameStats = Stored<typeof GameStatsSchema>;
export type OrphanScoreDocument = Stored<typeof OrphanScoreSchema>;
export type OrphanChartDocument = Stored<typeof OrphanChartSchema>;
export type StoredSong = Stored<typeof SongSchema>;
export type StoredChart = Stored<typeof ChartSchema>;
