/**
 * BATCH-MANUAL schemas (spec §3.2) and their validation with Tachi's (prudence 0.10.0) messages.
 *
 * The TypeBox schemas are the single declaration: they give the static types, feed the OpenAPI
 * docs, and the validator below walks them key by key in declaration order, the way prudence
 * walks Tachi's PR_BATCH_MANUAL, so errors come out in the same order with the same wording.
 * The few rules prudence expresses as custom functions (timeAchieved, judgements, the zod
 * scoreMeta shim) are marked on the schema with an `x-tachi-check` annotation.
 */
import { Type, type Static, type TSchema } from 'typebox';
import { GAMES, GAME_NAMES } from '../games/registry.ts';
import { ALL_MATCH_TYPES, type GameConfig, type GameName, type MetricSpec } from '../games/types.ts';

/** Hard cap on scores per import, so a hostile file cannot make one job walk millions of scores. */
export const MAX_SCORES_PER_IMPORT = 100_000;

/** annotation keys read by the validator (x- prefixed so they are legal OpenAPI extensions) */
const CHECK = 'x-tachi-check';
const MESSAGE = 'x-tachi-message';
const RANGE_MESSAGE = 'x-tachi-range-message';

type CustomCheck = 'timeAchieved' | 'judgements' | 'zodStrictObject';

// prudence's message for a "*?string" schema value: it prints the schema string itself
const OPT_NULL_STRING_MESSAGE = 'Expected *?string, null or no value.';

const TIME_ACHIEVED_MESSAGE =
  'Expected a number greater than 1 Trillion - did you pass unix seconds instead of milliseconds?';

const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const optNull = <T extends TSchema>(schema: T) => Type.Optional(nullable(schema));

export const MatchTypeSchema = Type.Enum([...ALL_MATCH_TYPES]);

/**
 * The game-independent part of a score. Per-game schemas add the provided metrics and narrow
 * judgements/optional/hitMeta/scoreMeta; this one only exists to give BatchManualScore its type.
 */
export const BatchManualScoreCommonSchema = Type.Object({
  matchType: MatchTypeSchema,
  identifier: Type.String(),
  comment: optNull(Type.String({ minLength: 3, maxLength: 240 })),
  difficulty: optNull(Type.String({ [MESSAGE]: OPT_NULL_STRING_MESSAGE })),
  artist: optNull(Type.String({ [MESSAGE]: OPT_NULL_STRING_MESSAGE })),
  timeAchieved: optNull(Type.Number({ [CHECK]: 'timeAchieved' })),
  judgements: optNull(Type.Record(Type.String(), nullable(Type.Integer({ minimum: 0 })))),
  optional: optNull(Type.Record(Type.String(), Type.Unknown())),
  hitMeta: optNull(Type.Record(Type.String(), Type.Unknown())),
  scoreMeta: optNull(Type.Record(Type.String(), Type.Unknown())),
});

/** A validated BATCH-MANUAL score: the common fields plus the game's provided metrics. */
export type BatchManualScore = Static<typeof BatchManualScoreCommonSchema> & { [metric: string]: unknown };

export type MatchType = (typeof ALL_MATCH_TYPES)[number];

export interface BatchManualMeta {
  service: string;
  game: GameName;
  playtype: string;
  version?: string | null;
}

export interface BatchManualDocument {
  meta: BatchManualMeta;
  scores: BatchManualScore[];
  classes?: Record<string, string | null> | null;
}

function metricSchema(spec: MetricSpec): TSchema {
  switch (spec.type) {
    case 'INTEGER':
      return Type.Integer({
        ...(spec.min !== undefined ? { minimum: spec.min } : {}),
        ...(spec.max !== undefined ? { maximum: spec.max } : {}),
        ...(spec.rangeMessage !== undefined ? { [RANGE_MESSAGE]: spec.rangeMessage } : {}),
      });
    case 'DECIMAL':
      return Type.Number({
        ...(spec.min !== undefined ? { minimum: spec.min } : {}),
        ...(spec.max !== undefined ? { maximum: spec.max } : {}),
        ...(spec.rangeMessage !== undefined ? { [RANGE_MESSAGE]: spec.rangeMessage } : {}),
      });
    case 'ENUM':
      return Type.Enum([...spec.values]);
    case 'GRAPH':
      return Type.Array(Type.Number({ minimum: spec.min, maximum: spec.max }));
  }
}

function buildScoreSchema(config: GameConfig) {
  const provided: Record<string, TSchema> = {};
  for (const [name, spec] of Object.entries(config.providedMetrics)) provided[name] = metricSchema(spec);

  const optionalMetrics: Record<string, TSchema> = {};
  for (const [name, { spec }] of Object.entries(config.optionalMetrics)) optionalMetrics[name] = optNull(metricSchema(spec));
  const optionalSchema = Type.Object(optionalMetrics, { additionalProperties: false });

  const judgements: Record<string, TSchema> = {};
  for (const j of config.judgements) judgements[j] = optNull(Type.Integer({ minimum: 0 }));

  const common = BatchManualScoreCommonSchema.properties;
  // declaration order is prudence's check order: provided metrics first, then Tachi's keys
  return Type.Object(
    {
      ...provided,
      matchType: common.matchType,
      identifier: common.identifier,
      comment: common.comment,
      difficulty: common.difficulty,
      artist: common.artist,
      timeAchieved: common.timeAchieved,
      judgements: optNull(Type.Object(judgements, { additionalProperties: false, [CHECK]: 'judgements' })),
      optional: optNull(optionalSchema),
      hitMeta: optNull(Type.Object(optionalMetrics, { additionalProperties: false, deprecated: true })),
      // SDVX and CHUNITHM declare scoreMeta as a strict empty zod object
      scoreMeta: optNull(Type.Object({}, { additionalProperties: false, [CHECK]: 'zodStrictObject' })),
    },
    { additionalProperties: false },
  );
}

function buildClassesSchema(config: GameConfig) {
  const sets: Record<string, TSchema> = {};
  // only PROVIDED sets can be submitted; DERIVED ones are computed and so rejected as excess keys
  for (const [set, spec] of Object.entries(config.classes)) {
    if (spec.type === 'PROVIDED') sets[set] = optNull(Type.Enum([...spec.values]));
  }
  return Type.Object(sets, { additionalProperties: false });
}

function buildDocumentSchema(config: GameConfig) {
  return Type.Object(
    {
      meta: Type.Object(
        {
          service: Type.String({ minLength: 3, maxLength: 60 }),
          game: Type.Enum([...GAME_NAMES]),
          playtype: Type.Enum([...config.playtypes]),
          version: optNull(Type.String({ [MESSAGE]: OPT_NULL_STRING_MESSAGE })),
        },
        { additionalProperties: false },
      ),
      scores: Type.Array(buildScoreSchema(config), { maxItems: MAX_SCORES_PER_IMPORT }),
      classes: optNull(buildClassesSchema(config)),
    },
    { additionalProperties: false },
  );
}

const documentSchemas = new Map<GameName, ReturnType<typeof buildDocumentSchema>>();

/** The whole BATCH-MANUAL document for one game (also used for the OpenAPI docs). */
export function batchManualSchema(game: GameName) {
  let schema = documentSchemas.get(game);
  if (!schema) {
    schema = buildDocumentSchema(GAMES[game]);
    documentSchemas.set(game, schema);
  }
  return schema;
}

/** One score of a BATCH-MANUAL document for one game. */
export function batchManualScoreSchema(game: GameName) {
  return batchManualSchema(game).properties.scores.items;
}

// ------------------------------------------------------------------------------------------------
// Validation with prudence semantics

/** What prudence reports: where, what, and the offending value. */
export interface SchemaError {
  /** prudence keychain, e.g. `scores[0].score`; null for the document itself */
  keychain: string | null;
  message: string;
  value: unknown;
}

type Check = (value: unknown, keychain: string | null) => SchemaError | null;

const OBJECT_MESSAGE = 'Object does not match structure of schema, expected this location to have an object.';

const fail = (keychain: string | null, message: string, value: unknown): SchemaError => ({ keychain, message, value });

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** prudence's StringifyKeyChain, applied one key at a time */
function childKeychain(parent: string | null, key: string): string {
  if (key.includes('.')) return `${parent ?? ''}["${key}"]`;
  if (parent === null) {
    if (/^[0-9]+$/.test(key)) return `[${key}]`;
    if (/^[0-9]/.test(key)) return `["${key}"]`;
    return key;
  }
  if (/^[0-9]/.test(key)) return `${parent}[${key}]`;
  return `${parent}.${key}`;
}

/** `${value}` as a JS template literal prints it, without throwing on exotic objects. */
export function templateString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function annotation(schema: TSchema, key: string): unknown {
  return (schema as Record<string, unknown>)[key];
}

/** Splits `T | null` into T and a nullable flag. */
function unwrapNullable(schema: TSchema): { inner: TSchema; nullable: boolean } {
  const anyOf = (schema as { anyOf?: TSchema[] }).anyOf;
  if (!anyOf) return { inner: schema, nullable: false };
  const rest = anyOf.filter((s) => (s as { type?: unknown }).type !== 'null');
  if (rest.length !== 1) throw new Error('batch-manual schema: unsupported union');
  return { inner: rest[0], nullable: rest.length !== anyOf.length };
}

/** prudence isBetween / isPositiveInteger / gte / lte wording for a bounded number */
function rangeCheck(schema: TSchema, integer: boolean): Check | null {
  const { minimum, maximum } = schema as { minimum?: number; maximum?: number };
  if (minimum === undefined && maximum === undefined) return null;
  const custom = annotation(schema, RANGE_MESSAGE);
  let message: string;
  if (typeof custom === 'string') message = custom;
  else if (minimum !== undefined && maximum !== undefined) message = `Expected a number between ${minimum} and ${maximum}.`;
  else if (minimum === 0) message = integer ? 'Expected a positive integer.' : 'Expected a positive number.';
  else if (minimum !== undefined) message = `Expected number to be greater than or equal to ${minimum}.`;
  else message = `Expected number to be less than or equal to ${maximum}.`;
  return (v, kc) =>
    typeof v === 'number' && (minimum === undefined || v >= minimum) && (maximum === undefined || v <= maximum)
      ? null
      : fail(kc, message, v);
}

/** zod 3's error.message for z.strictObject({}) (Tachi runs the game's zod scoreMeta through a shim) */
function zodStrictObjectCheck(schema: TSchema): Check {
  const allowed = new Set(Object.keys((schema as { properties?: object }).properties ?? {}));
  if (allowed.size > 0) throw new Error('batch-manual schema: only empty strict objects are supported for scoreMeta');
  const zodType = (v: unknown) =>
    v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' && Number.isNaN(v) ? 'nan' : typeof v;
  return (v, kc) => {
    if (!isPlainObject(v)) {
      const issue = { code: 'invalid_type', expected: 'object', received: zodType(v), path: [], message: `Expected object, received ${zodType(v)}` };
      return fail(kc, JSON.stringify([issue], null, 2), v);
    }
    const extra = Object.keys(v).filter((k) => !allowed.has(k));
    if (extra.length === 0) return null;
    const issue = {
      code: 'unrecognized_keys',
      keys: extra,
      path: [],
      message: `Unrecognized key(s) in object: ${extra.map((k) => `'${k}'`).join(', ')}`,
    };
    return fail(kc, JSON.stringify([issue], null, 2), v);
  };
}

function judgementsCheck(schema: TSchema): Check {
  const keys = Object.keys((schema as { properties: object }).properties);
  const allowed = new Set(keys);
  return (v, kc) => {
    // Tachi accepts arrays here (typeof "object"); an array of judgements makes no sense, so we don't
    if (!isPlainObject(v)) return fail(kc, 'Not a valid object.', v);
    for (const [key, n] of Object.entries(v)) {
      if (!allowed.has(key)) return fail(kc, `Invalid Key ${key}. Expected any of ${keys.join(', ')}`, v);
      if (n !== null && !(Number.isSafeInteger(n) && (n as number) >= 0)) {
        return fail(kc, `Key ${key} had an invalid value of ${templateString(n)} [type: ${typeof n}]`, v);
      }
    }
    return null;
  };
}

/**
 * Compiles a schema node into the checks prudence would run on it, in order. Arrays run each
 * phase over every element before the next phase (prudence's p.and([type], [range]) for graphs).
 */
function compilePhases(schema: TSchema): Check[] {
  const custom = annotation(schema, CHECK) as CustomCheck | undefined;
  if (custom === 'timeAchieved') {
    return [(v, kc) => ((typeof v === 'number' && v > 1_000_000_000_000) || v === 0 ? null : fail(kc, TIME_ACHIEVED_MESSAGE, v))];
  }
  if (custom === 'judgements') return [judgementsCheck(schema)];
  if (custom === 'zodStrictObject') return [zodStrictObjectCheck(schema)];

  const s = schema as {
    type?: string;
    enum?: unknown[];
    minLength?: number;
    maxLength?: number;
    items?: TSchema;
    properties?: Record<string, TSchema>;
    required?: string[];
    additionalProperties?: unknown;
  };

  if (s.enum) {
    const values = s.enum;
    const message = `Expected any of ${values.join(', ')}.`;
    return [(v, kc) => (values.includes(v) ? null : fail(kc, message, v))];
  }

  const override = annotation(schema, MESSAGE);
  switch (s.type) {
    case 'string': {
      const { minLength, maxLength } = s;
      if (minLength !== undefined || maxLength !== undefined) {
        const message = `Expected a string with length between ${minLength ?? 0} and ${maxLength ?? Infinity}.`;
        return [
          (v, kc) =>
            typeof v === 'string' && v.length >= (minLength ?? 0) && v.length <= (maxLength ?? Infinity)
              ? null
              : fail(kc, message, v),
        ];
      }
      const message = typeof override === 'string' ? override : 'Expected string.';
      return [(v, kc) => (typeof v === 'string' ? null : fail(kc, message, v))];
    }
    case 'integer': {
      const range = rangeCheck(schema, true);
      const isInt: Check = (v, kc) => (Number.isSafeInteger(v) ? null : fail(kc, 'Expected an integer.', v));
      return range ? [isInt, range] : [isInt];
    }
    case 'number': {
      const range = rangeCheck(schema, false);
      const isNum: Check = (v, kc) => (typeof v === 'number' ? null : fail(kc, 'Expected number.', v));
      return range ? [isNum, range] : [isNum];
    }
    case 'array': {
      if (!s.items) throw new Error('batch-manual schema: array without items');
      const itemPhases = compilePhases(s.items);
      return [
        (v, kc) => {
          if (!Array.isArray(v)) return fail(kc, 'Value was not an array.', v);
          for (const phase of itemPhases) {
            for (let i = 0; i < v.length; i++) {
              const err = phase(v[i], childKeychain(kc, String(i)));
              if (err) return err;
            }
          }
          return null;
        },
      ];
    }
    case 'object': {
      if (!s.properties) throw new Error('batch-manual schema: object without properties');
      const required = new Set(s.required ?? []);
      const props = Object.entries(s.properties).map(([key, child]) => [key, compile(child, required.has(key))] as const);
      const allowed = new Set(Object.keys(s.properties));
      const strict = s.additionalProperties === false;
      return [
        (v, kc) => {
          // prudence takes arrays for objects here; we treat them as the non-objects they are
          if (!isPlainObject(v)) return fail(kc, OBJECT_MESSAGE, v);
          for (const [key, check] of props) {
            const err = check(Object.hasOwn(v, key) ? v[key] : undefined, childKeychain(kc, key));
            if (err) return err;
          }
          if (strict) {
            const excess = Object.keys(v).filter((k) => !allowed.has(k));
            if (excess.length > 0) return fail(kc, `Unexpected properties inside object: ${excess.join(', ')}.`, v);
          }
          return null;
        },
      ];
    }
    default:
      throw new Error(`batch-manual schema: unsupported schema node ${JSON.stringify(schema)}`);
  }
}

function compile(schema: TSchema, keyRequired: boolean): Check {
  const { inner, nullable: isNullable } = unwrapNullable(schema);
  const phases = compilePhases(inner);
  return (v, kc) => {
    if (v === undefined && !keyRequired) return null;
    if (v === null && isNullable) return null;
    for (const phase of phases) {
      const err = phase(v, kc);
      if (err) return err;
    }
    return null;
  };
}

const validators = new Map<GameName, Check>();

/**
 * Validates a whole BATCH-MANUAL document for `game` (whose meta.game/playtype were already
 * checked) and returns prudence's first error, or null when it is valid.
 */
export function validateBatchManual(game: GameName, document: unknown): SchemaError | null {
  let check = validators.get(game);
  if (!check) {
    check = compile(batchManualSchema(game), true);
    validators.set(game, check);
  }
  return check(document, null);
}

/** Tachi's FormatPrError: `<foreword>: <keychain> | <message>[ | Received <v> [type: <t>]].` */
export function formatSchemaError(err: SchemaError, foreword = 'Invalid BATCH-MANUAL'): string {
  const v = err.value;
  const received =
    typeof v === 'object' && v !== null ? '' : ` | Received ${truncate(templateString(v))} [type: ${v === null ? 'null' : typeof v}]`;
  return `${foreword}: ${err.keychain ?? 'null'} | ${err.message}${received}.`;
}

/**
 * Received values are echoed into the import's error description; keep a hostile multi-megabyte
 * string out of it. Realistic values (well under the cap) print exactly as Tachi prints them.
 */
const MAX_ECHO = 1000;
export function truncate(text: string): string {
  return text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO - 3)}...` : text;
}
