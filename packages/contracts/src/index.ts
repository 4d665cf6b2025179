import { Type, type Static, type TSchema } from 'typebox';

/** Tachi's response envelope (spec §0): success answers carry `body`, failures only a description. */
export const SuccessEnvelope = <T extends TSchema>(body: T) =>
  Type.Object({ success: Type.Literal(true), description: Type.String(), body });

export const ErrorEnvelope = Type.Object(
  { success: Type.Literal(false), description: Type.String() },
  { description: 'Failure: no body, a human-readable description' },
);
export type ErrorEnvelope = Static<typeof ErrorEnvelope>;

/** Tachi's rate-limit answer (429) carries two fields more than other failures. */
export const RateLimitedEnvelope = Type.Object(
  {
    success: Type.Literal(false),
    description: Type.String(),
    status: Type.Literal(429),
    message: Type.Literal("You're being rate limited."),
  },
  { description: 'Rate limited: Tachi\'s shape, with Retry-After' },
);

export const PERMISSIONS = [
  'customise_profile',
  'customise_score',
  'customise_session',
  'delete_score',
  'manage_rivals',
  'manage_targets',
  'submit_score',
  'manage_challenges',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const AuthLevels = { BANNED: 0, USER: 1, MOD: 2, ADMIN: 3 } as const;

export const ImportIDParams = Type.Object({
  importID: Type.String({ maxLength: 200, description: '40 lowercase hex characters' }),
});
export type ImportIDParams = Static<typeof ImportIDParams>;

export const UserIDParams = Type.Object({
  userID: Type.String({ maxLength: 200, description: '"me", a numeric user ID or a username' }),
});
export type UserIDParams = Static<typeof UserIDParams>;

export const ImportListQuery = Type.Object(
  {
    importType: Type.Optional(Type.String({ maxLength: 100, description: "Tachi's importType, e.g. file/batch-manual" })),
    userIntent: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  },
  { additionalProperties: false },
);
export type ImportListQuery = Static<typeof ImportListQuery>;

export const ImportProgress = Type.Object({
  description: Type.String(),
  processed: Type.Union([Type.Integer(), Type.Null()]),
  total: Type.Union([Type.Integer(), Type.Null()]),
});

const AnyObject = Type.Object({}, { additionalProperties: true });

export const ImportAccepted = SuccessEnvelope(
  Type.Object({ url: Type.String(), importID: Type.String({ pattern: '^[0-9a-f]{40}$' }) }),
);

export const PollStatusResponse = SuccessEnvelope(
  Type.Union([
    Type.Object({ importStatus: Type.Literal('ongoing'), progress: ImportProgress }),
    Type.Object({ importStatus: Type.Literal('completed'), import: AnyObject }),
  ]),
);

/** A failed import's poll: its status code and Tachi's description, and whether its clean-up is still running. */
export const FailedImportResponse = Type.Object(
  {
    success: Type.Literal(false),
    description: Type.String(),
    body: Type.Optional(
      Type.Object({
        importStatus: Type.Literal('failed'),
        cleanupPending: Type.Boolean({
          description: 'true while what the import wrote is still being removed; the user\'s next import waits for it',
        }),
      }),
    ),
  },
  { description: 'The import failed (its status code and description), or the service is unavailable (503, no body)' },
);

export const ImportDetailResponse = SuccessEnvelope(
  Type.Object({
    scores: Type.Array(AnyObject),
    songs: Type.Array(AnyObject),
    charts: Type.Array(AnyObject),
    sessions: Type.Array(AnyObject),
    import: AnyObject,
    user: AnyObject,
  }),
);

/** The refusals every submit route may answer (rate limit in Tachi's shape). */
export const SubmitErrors = {
  400: ErrorEnvelope,
  401: ErrorEnvelope,
  403: ErrorEnvelope,
  409: ErrorEnvelope,
  413: ErrorEnvelope,
  415: ErrorEnvelope,
  429: RateLimitedEnvelope,
  503: ErrorEnvelope,
};

export const EmptyBodyResponse = SuccessEnvelope(Type.Object({}));

const SubmitHeaderFields = {
  'x-user-intent': Type.Optional(Type.String({ description: '"true" marks the import as made on purpose by the user' })),
  'idempotency-key': Type.Optional(
    Type.String({ description: 'Resubmitting with the same key answers with the first import instead of starting another' }),
  ),
};

export const SubmitHeaders = Type.Object(SubmitHeaderFields);

export const IRHeaders = Type.Object({
  ...SubmitHeaderFields,
  'x-infer-score-timeachieved': Type.Optional(Type.String({ description: '"true" stamps the (single) score with the time of submission' })),
});

/** OpenAPI security requirements of a route (the scheme `bearer` is an API token). */
export const BearerRequired: { [scheme: string]: string[] }[] = [{ bearer: [] }];
/** A token is optional (e.g. `me` in a user route needs one). */
export const BearerOptional: { [scheme: string]: string[] }[] = [{}, { bearer: [] }];

export * from './documents.ts';

/**
 * GET /api/v1/status (Tachi's status route): who the request's token belongs to and what it may
 * do, so that a client (the import pages) can tell whether to offer e.g. a revert.
 */
export const ServerStatus = Type.Object({
  serverTime: Type.Integer({ description: 'the server clock, ms since the epoch' }),
  startTime: Type.Integer({ description: 'when this API instance started, ms since the epoch' }),
  version: Type.String(),
  whoami: Type.Union([Type.Integer(), Type.Null()], { description: "the token's userID; null without a token" }),
  permissions: Type.Array(Type.Enum(PERMISSIONS), { description: "the token's permissions" }),
  username: Type.Union([Type.String(), Type.Null()], { description: 'not in Tachi: the username of whoami' }),
  isAdmin: Type.Boolean({ description: 'not in Tachi: the token is an admin\'s (may revert any import)' }),
  echo: Type.Optional(Type.String({ description: 'the `echo` query parameter, if given' })),
});
export type ServerStatus = Static<typeof ServerStatus>;
export const ServerStatusResponse = SuccessEnvelope(ServerStatus);
export const ServerStatusQuery = Type.Object(
  { echo: Type.Optional(Type.String({ maxLength: 1000, description: 'returned as is in `echo`' })) },
  { additionalProperties: false },
);
export type ServerStatusQuery = Static<typeof ServerStatusQuery>;

/** The poll-status answers, as the import pages read them. */
export type ImportProgress = Static<typeof ImportProgress>;
export type ImportAccepted = Static<typeof ImportAccepted>;
export type PollStatusResponse = Static<typeof PollStatusResponse>;
