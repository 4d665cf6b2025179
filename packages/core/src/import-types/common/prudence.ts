/**
 * prudence 0.10.0 (the validator Tachi's parsers, hook parsers and routers use), complete enough for
 * the schemas of the import types: typeof strings with their `*` (optional) and `?` (nullable)
 * prefixes, check functions, nested objects, `[item]` arrays, custom error messages, and the static
 * checks those schemas call (isIn, isPositiveInteger, isBoundedInteger, isBetween, regex, is,
 * optional, nullable, or …), with prudence's exact messages and keychains. Plus Tachi's two ways of
 * printing an error: FormatPrError (parsers) and PrudenceErrorFormatter (prValidate middleware).
 */
import { formatSchemaError, templateString, type SchemaError } from '../batch-manual/schema.ts';
import { p as checks } from '../../games/common/checks.ts';

/** prudence's ValidationFunction: true passes; a string is its message; anything falsy fails without one */
export type PrCheck = (self: unknown, parent: Record<string, unknown>, options: PrOptions, keychain: string[]) => boolean | string | SchemaError;
export type PrValue = string | PrCheck | PrSchema | [PrValue];
export interface PrSchema {
  [key: string]: PrValue;
}
/** prudence's ErrorMessages: a custom message per key (a string replaces the check's own message) */
export interface PrMessages {
  [key: string]: string | PrMessages;
}
export interface PrOptions {
  allowExcessKeys: boolean;
}

const isSchemaError = (v: unknown): v is SchemaError => typeof v === 'object' && v !== null && 'keychain' in v && 'message' in v;

/** prudence's StringifyKeyChain */
export function stringifyKeychain(keychain: readonly string[]): string | null {
  if (keychain.length === 0) return null;
  let str = keychain[0];
  if (str.includes('.')) str = `["${str}"]`;
  else if (/^[0-9]+$/.test(str)) str = `[${str}]`;
  else if (/^[0-9]/.test(str)) str = `["${str}"]`;
  for (const key of keychain.slice(1)) {
    if (key.includes('.')) str += `["${key}"]`;
    else if (/^[0-9]/.test(key)) str += `[${key}]`;
    else str += `.${key}`;
  }
  return str;
}

const prError = (message: string, keychain: readonly string[], value: unknown): SchemaError => ({
  keychain: stringifyKeychain(keychain),
  message,
  value,
});

/** prudence's ValidateValue for a typeof string or a check function */
function validateValue(value: unknown, schema: string | PrCheck, parent: Record<string, unknown>, options: PrOptions, keychain: string[]): boolean | string | SchemaError {
  if (typeof schema === 'function') return schema(value, parent, options, keychain);
  let type = schema;
  if (type.startsWith('*')) {
    type = type.slice(1);
    if (value === undefined) return true;
  }
  if (type.startsWith('?')) {
    type = type.slice(1);
    if (value === null) return true;
  }
  if (type === 'null') return value === null;
  if (type === 'object') return !!value && typeof value === 'object';
  return typeof value === type;
}

/** prudence's GetErrorMessage */
function errorMessage(value: unknown, schema: string | PrCheck, keychain: string[], custom: string | PrMessages | undefined): SchemaError {
  if (typeof custom === 'string' && custom) return prError(custom, keychain, value);
  if (typeof schema === 'function') return prError('Invalid Input, but no error message is available.', keychain, value);
  if (schema.startsWith('*?')) return prError(`Expected ${schema}, null or no value.`, keychain, value);
  if (schema.startsWith('*')) return prError(`Expected ${schema} or no value.`, keychain, value);
  if (schema.startsWith('?')) return prError(`Expected ${schema} or null.`, keychain, value);
  return prError(`Expected ${schema}.`, keychain, value);
}

/** prudence's ValidateObjectValue */
function validateObjectValue(
  parent: Record<string, unknown>,
  value: unknown,
  schema: PrValue,
  custom: string | PrMessages | undefined,
  options: PrOptions,
  keychain: string[],
): SchemaError | null {
  if (Array.isArray(schema)) {
    if (!Array.isArray(value)) return prError('Value was not an array.', keychain, value);
    for (let i = 0; i < value.length; i++) {
      const err = validateObjectValue(parent, value[i], schema[0], custom, options, [...keychain, String(i)]);
      if (err) return err;
    }
    return null;
  }
  if (typeof schema === 'object') return validateObject(value, schema, custom, options, keychain);
  const result = validateValue(value, schema, parent, options, keychain);
  if (!result || (typeof custom === 'string' && typeof result === 'string')) return errorMessage(value, schema, keychain, custom);
  if (typeof result === 'string') return prError(result, keychain, value);
  if (isSchemaError(result)) return result;
  return null;
}

/** prudence's ValidateObject */
function validateObject(value: unknown, schema: PrSchema, messages: unknown, options: PrOptions, keychain: string[]): SchemaError | null {
  if (!value || typeof value !== 'object') {
    // at the top prudence throws (throwOnNonObject, a 500 in Tachi): said here as the client's error
    if (keychain.length === 0) return prError('Non-object provided for validation.', keychain, value);
    return prError('Object does not match structure of schema, expected this location to have an object.', keychain, value);
  }
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(schema)) {
    const custom = typeof messages === 'object' && messages !== null ? (messages as PrMessages)[key] : undefined;
    const err = validateObjectValue(object, object[key], schema[key], custom, options, [...keychain, key]);
    if (err) return err;
  }
  if (options.allowExcessKeys) return null;
  const excess = Object.keys(object).filter((k) => !Object.hasOwn(schema, k));
  if (excess.length > 0) return prError(`Unexpected properties inside object: ${excess.join(', ')}.`, keychain, value);
  return null;
}

/** prudence's `p(object, schema, errorMessages, options)`: the first error, or null. */
export function prudence(object: unknown, schema: PrSchema, messages: PrMessages = {}, options: Partial<PrOptions> = {}): SchemaError | null {
  return validateObject(object, schema, messages, { allowExcessKeys: options.allowExcessKeys ?? false }, []);
}

/** prudence's `p(object, schema, {}, { allowExcessKeys })`, without custom messages: the first error, or null. */
export function prValidate(object: unknown, schema: PrSchema, options: Partial<PrOptions> = {}): SchemaError | null {
  return prudence(object, schema, {}, options);
}

/** Tachi's FormatPrError (server/src/utils/prudence.ts), as parsers word a fatal error. */
export function formatPrError(err: SchemaError, foreword = 'Error'): string {
  return formatSchemaError(err, foreword);
}

/** Tachi's TruncateString (prudence-validate.ts) */
function truncateString(text: string, len = 30): string {
  return text.length < len ? text : `${text.substring(0, len - 3)}...`;
}

/** Tachi's PrudenceErrorFormatter: `[keychain] message (Received value)`. */
export function prudenceErrorFormatter(message: string, stringVal: string | null, keychain: string | null): string {
  return `[${keychain}] ${message}${stringVal ? ` (Received ${truncateString(stringVal, 100)})` : ''}`;
}

/** What Tachi's prValidate middleware answers (400): the value as it prints it. */
export function prValidateMessage(err: SchemaError): string {
  let stringVal: string | null;
  const v = err.value;
  if (err.keychain?.startsWith('!') && v !== undefined) stringVal = '****';
  else if (typeof v === 'object' && v !== null) stringVal = null;
  else if (v === undefined) stringVal = 'nothing (undefined)';
  else stringVal = templateString(v);
  return prudenceErrorFormatter(err.message, stringVal, err.keychain);
}

/** prudence's static checks (those Tachi's schemas use) */
export const p = {
  // the numeric checks are the game configs' own (games/common/checks.ts): the same messages
  isInteger: checks.isInteger as PrCheck,
  isPositiveInteger: checks.isPositiveInteger as PrCheck,
  isPositive: checks.isPositive as PrCheck,
  isBoundedInteger: (lower: number, upper: number) => checks.isBoundedInteger(lower, upper) as PrCheck,
  isBetween: (lower: number, upper: number) => checks.isBetween(lower, upper) as PrCheck,
  gteInt:
    (n: number): PrCheck =>
    (self) =>
      (Number.isSafeInteger(self) && (self as number) >= n) || `Expected number to be an integer and greater than or equal to ${n}.`,
  isIn(...values: unknown[]): PrCheck {
    const list = values.length === 1 && Array.isArray(values[0]) ? [...(values[0] as unknown[])] : values;
    return (self) => list.includes(self) || `Expected any of ${list.join(', ')}.`;
  },
  regex:
    (re: RegExp): PrCheck =>
    (self) =>
      (typeof self === 'string' && re.test(self)) || `Expected string to match ${re.toString()}`,
  is:
    (value: unknown): PrCheck =>
    (self) =>
      Object.is(self, value),
  any: (() => true) as PrCheck,
  optional:
    (schema: PrValue): PrCheck =>
    (self, parent, options, keychain) =>
      self === undefined ? true : (validateObjectValue(parent, self, schema, undefined, options, keychain) ?? true),
  nullable:
    (schema: PrValue): PrCheck =>
    (self, parent, options, keychain) =>
      self === null ? true : (validateObjectValue(parent, self, schema, undefined, options, keychain) ?? true),
  or:
    (...schemas: PrValue[]): PrCheck =>
    (self, parent, options, keychain) =>
      schemas.some((s) => validateObjectValue(parent, self, s, undefined, options, keychain) === null) ||
      'The input was invalid, but no error message is available.',
};

/** Tachi's optNull (utils/prudence.ts) */
export const optNull = (schema: PrValue): PrCheck => p.optional(p.nullable(schema));

/** Tachi's IsRecord (utils/misc.ts): any non-null object, arrays included. */
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
