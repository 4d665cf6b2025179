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
import { GAME_NAMES, gameModule, gpt } from '../../games/registry.ts';
import { ALL_MATCH_TYPES, type GPTConfig, type GameName, type MetricSpec, type NumberCheck, type ScoreMetaField } from '../../games/types.ts';

/** Hard cap on scores per import, so a hostile file cannot make one job walk millions of scores. */
export const MAX_SCORES_PER_IMPORT = 100_000;

/** annotation keys read by the validator (x- prefixed so they are legal OpenAPI extensions) */
const CHECK = 'x-tachi-check';
const MESSAGE = 'x-tachi-message';
/** a metric's own check (prudence function): the schema node carries it */
const METRIC_CHECK = 'x-tachi-metric-check';
/** scoreMeta's zod fields */
const ZOD_FIELDS = 'x-zod-fields';

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

/** Tachi's PR_METRIC + the metric's validate (PR_METRICS): a type check, then the metric's own check. */
function metricSchema(spec: MetricSpec): TSchema {
  const check = (validate?: NumberCheck) => (validate ? { ...validate.jsonSchema, [METRIC_CHECK]: validate } : {});
  switch (spec.type) {
    case 'INTEGER':
      return Type.Integer(check(spec.validate));
    case 'DECIMAL':
      return Type.Number(check(spec.validate));
    case 'ENUM':
      return Type.Enum([...spec.values]);
    case 'GRAPH':
      return Type.Array(Type.Number(check(spec.validate)));
    case 'NULLABLE_GRAPH':
      return Type.Array(nullable(Type.Number(check(spec.validate))));
  }
}

function buildScoreSchema(config: GPTConfig) {
  const provided: Record<string, TSchema> = {};
  for (const [name, spec] of Object.entries(config.providedMetrics)) provided[name] = metricSchema(spec);

  const optionalMetrics: Record<string, TSchema> = {};
  for (const [name, spec] of Object.entries(config.optionalMetrics)) optionalMetrics[name] = optNull(metricSchema(spec));
  const optionalSchema = Type.Object(optionalMetrics, { additionalProperties: false });

  const judgements: Record<string, TSchema> = {};
  for (const j of config.orderedJudgements) judgements[j] = optNull(Type.Integer({ minimum: 0 }));

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
      // the game's zod strict object, checked with zod's messages
      scoreMeta: optNull(Type.Object({}, { additionalProperties: false, [CHECK]: 'zodStrictObject', [ZOD_FIELDS]: config.scoreMeta })),
    },
    { additionalProperties: false },
  );
}

function buildClassesSchema(config: GPTConfig) {
  const sets: Record<string, TSchema> = {};
  // only PROVIDED sets can be submitted; DERIVED ones are computed and so rejected as excess keys
  for (const [set, spec] of Object.entries(config.classes)) {
    if (spec.type === 'PROVIDED') sets[set] = optNull(Type.Enum([...spec.values]));
  }
  return Type.Object(sets, { additionalProperties: false });
}

function buildDocumentSchema(game: GameName, playtype: string) {
  const config = gpt(game, playtype).config;
  return Type.Object(
    {
      meta: Type.Object(
        {
          service: Type.String({ minLength: 3, maxLength: 60 }),
          game: Type.Enum([...GAME_NAMES]),
          playtype: Type.Enum([playtype]),
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

const documentSchemas = new Map<string, ReturnType<typeof buildDocumentSchema>>();

/** The whole BATCH-MANUAL document for one game and playtype (also used for the OpenAPI docs). */
export function batchManualSchema(game: GameName, playtype: string = gameModule(game).playtypes[0]) {
  const key = `${game}:${playtype}`;
  let schema = documentSchemas.get(key);
  if (!schema) {
    schema = buildDocumentSchema(game, playtype);
    documentSchemas.set(key, schema);
  }
  return schema;
}

/** One score of a BATCH-MANUAL document for one game and playtype. */
export function batchManualScoreSchema(game: GameName, playtype?: string) {
  return batchManualSchema(game, playtype).properties.scores.items;
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

/** The metric's own prudence check (Tachi's `p.and(type, validate)`), on a number. */
function metricCheck(schema: TSchema): Check | null {
  const check = annotation(schema, METRIC_CHECK) as ((v: number) => true | string) | undefined;
  if (!check) return null;
  return (v, kc) => {
    const result = typeof v === 'number' ? check(v) : false;
    return result === true ? null : fail(kc, typeof result === 'string' ? result : 'Expected number.', v);
  };
}

/** zod 3's ZodParsedType of a value */
const zodType = (v: unknown): string =>
  v === undefined
    ? 'undefined'
    : v === null
      ? 'null'
      : Array.isArray(v)
        ? 'array'
        : typeof v === 'number' && Number.isNaN(v)
          ? 'nan'
          : typeof v;

const joinValues = (values: readonly string[]) => values.map((v) => `'${v}'`).join(' | ');
const typeMessage = (expected: string, received: string) => (received === 'undefined' ? 'Required' : `Expected ${expected}, received ${received}`);

type ZodIssue = Record<string, unknown>;

/** zod 3's issues for one field of a strict object, in zod's key order (issue data, then path and message). */
function zodFieldIssues(field: ScoreMetaField, v: unknown, path: (string | number)[]): ZodIssue[] {
  if (v === undefined || (v === null && field.nullable)) return [];
  const received = zodType(v);
  switch (field.type) {
    case 'enum': {
      if (typeof v !== 'string') {
        const expected = joinValues(field.values);
        return [{ expected, received, code: 'invalid_type', path, message: typeMessage(expected, received) }];
      }
      if (field.values.includes(v)) return [];
      return [
        {
          received: v,
          code: 'invalid_enum_value',
          options: [...field.values],
          path,
          message: `Invalid enum value. Expected ${joinValues(field.values)}, received '${v}'`,
        },
      ];
    }
    case 'boolean':
    case 'number':
      if (typeof v === field.type && !(field.type === 'number' && Number.isNaN(v))) return [];
      return [{ code: 'invalid_type', expected: field.type, received, path, message: typeMessage(field.type, received) }];
    case 'tuple': {
      if (!Array.isArray(v)) return [{ code: 'invalid_type', expected: 'array', received, path, message: typeMessage('array', received) }];
      if (v.length < field.length) {
        const message = `Array must contain at least ${field.length} element(s)`;
        return [{ code: 'too_small', minimum: field.length, inclusive: true, exact: false, type: 'array', path, message }];
      }
      if (v.length > field.length) {
        const message = `Array must contain at most ${field.length} element(s)`;
        return [{ code: 'too_big', maximum: field.length, inclusive: true, exact: false, type: 'array', path, message }];
      }
      return v.flatMap((item, i) => zodFieldIssues({ type: 'enum', values: field.values }, item, [...path, i]));
    }
  }
}

/** zod 3's ZodError.message for the game's scoreMeta z.strictObject (Tachi runs it through a prudence shim). */
function zodStrictObjectCheck(schema: TSchema): Check {
  const fields = (annotation(schema, ZOD_FIELDS) ?? {}) as Readonly<Record<string, ScoreMetaField>>;
  return (v, kc) => {
    if (!isPlainObject(v)) {
      const received = zodType(v);
      const issue = { code: 'invalid_type', expected: 'object', received, path: [], message: typeMessage('object', received) };
      return fail(kc, JSON.stringify([issue], null, 2), v);
    }
    const issues = Object.entries(fields).flatMap(([key, field]) => zodFieldIssues(field, v[key], [key]));
    const extra = Object.keys(v).filter((k) => !Object.hasOwn(fields, k));
    if (extra.length > 0) {
      issues.push({ code: 'unrecognized_keys', keys: extra, path: [], message: `Unrecognized key(s) in object: ${extra.map((k) => `'${k}'`).join(', ')}` });
    }
    return issues.length === 0 ? null : fail(kc, JSON.stringify(issues, null, 2), v);
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
      const range = metricCheck(schema);
      const isInt: Check = (v, kc) => (Number.isSafeInteger(v) ? null : fail(kc, 'Expected an integer.', v));
      return range ? [isInt, range] : [isInt];
    }
    case 'number': {
      const range = metricCheck(schema);
      const isNum: Check = (v, kc) => (typeof v === 'number' ? null : fail(kc, 'Expected number.', v));
      return range ? [isNum, range] : [isNum];
    }
    case 'array': {
      if (!s.items) throw new Error('batch-manual schema: array without items');
      // NULLABLE_GRAPH: prudence's ["?number"] lets null elements through every phase
      const { inner: item, nullable: nullItems } = unwrapNullable(s.items);
      const itemPhases = nullItems
        ? compilePhases(item).map((phase, n): Check =>
            n === 0 ? (v, kc) => (v === null || typeof v === 'number' ? null : fail(kc, 'Expected ?number or null.', v)) : phase,
          )
        : compilePhases(item);
      return [
        (v, kc) => {
          if (!Array.isArray(v)) return fail(kc, 'Value was not an array.', v);
          for (const phase of itemPhases) {
            for (let i = 0; i < v.length; i++) {
              if (nullItems && v[i] === null) continue;
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

const validators = new Map<string, Check>();

/**
 * Validates a whole BATCH-MANUAL document for `game` and `playtype` (already checked) and returns
 * prudence's first error, or null when it is valid.
 */
export function validateBatchManual(game: GameName, playtype: string, document: unknown): SchemaError | null {
  const key = `${game}:${playtype}`;
  let check = validators.get(key);
  if (!check) {
    check = compile(batchManualSchema(game, playtype), true);
    validators.set(key, check);
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
