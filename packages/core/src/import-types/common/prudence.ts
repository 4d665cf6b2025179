/**
 * prudence 0.10.0's object validation, as Tachi's hook parsers use it (`p(body, schema, {}, opts)`
 * then FormatPrError), with its exact messages and keychains. Only what those schemas use: typeof
 * strings, check functions, nested objects, `[item]` arrays, optional, or, any.
 */
import { formatSchemaError, type SchemaError } from '../batch-manual/schema.ts';
import { p as checks } from '../../games/common/checks.ts';

/** a check: true passes; a string is the failure's message; false is prudence's generic failure */
type Check = (value: unknown, keychain: string[], allowExcessKeys: boolean) => true | false | string | SchemaError;
export type PrValue = string | Check | PrSchema | [PrValue];
export interface PrSchema {
  [key: string]: PrValue;
}

function stringifyKeychain(keychain: string[]): string | null {
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

const error = (message: string, keychain: string[], value: unknown): SchemaError => ({ keychain: stringifyKeychain(keychain), message, value });

function checkTypeof(value: unknown, type: string): boolean {
  if (type === 'null') return value === null;
  if (type === 'object') return !!value && typeof value === 'object';
  return typeof value === type;
}

function validateValue(value: unknown, schema: PrValue, keychain: string[], allowExcessKeys: boolean): SchemaError | null {
  if (Array.isArray(schema)) {
    if (!Array.isArray(value)) return error('Value was not an array.', keychain, value);
    for (let i = 0; i < value.length; i++) {
      const err = validateValue(value[i], schema[0], [...keychain, String(i)], allowExcessKeys);
      if (err) return err;
    }
    return null;
  }
  if (typeof schema === 'object') return validateObject(value, schema, keychain, allowExcessKeys);
  if (typeof schema === 'string') {
    return checkTypeof(value, schema) ? null : error(`Expected ${schema}.`, keychain, value);
  }
  const result = schema(value, keychain, allowExcessKeys);
  if (result === true) return null;
  if (result === false) return error('Invalid Input, but no error message is available.', keychain, value);
  if (typeof result === 'string') return error(result, keychain, value);
  return result;
}

function validateObject(value: unknown, schema: PrSchema, keychain: string[], allowExcessKeys: boolean): SchemaError | null {
  if (!value || typeof value !== 'object') {
    // prudence throws for a non-object at the top (a 500 in Tachi); said here as a client error
    if (keychain.length === 0) return error('Non-object provided for validation.', keychain, value);
    return error('Object does not match structure of schema, expected this location to have an object.', keychain, value);
  }
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(schema)) {
    const err = validateValue(object[key], schema[key], [...keychain, key], allowExcessKeys);
    if (err) return err;
  }
  if (allowExcessKeys) return null;
  const excess = Object.keys(object).filter((k) => !Object.hasOwn(schema, k));
  if (excess.length > 0) return error(`Unexpected properties inside object: ${excess.join(', ')}.`, keychain, value);
  return null;
}

/** prudence's p(object, schema, {}, { allowExcessKeys }): the first error, or null. */
export function prValidate(object: unknown, schema: PrSchema, options: { allowExcessKeys?: boolean } = {}): SchemaError | null {
  return validateObject(object, schema, [], options.allowExcessKeys ?? false);
}

/** Tachi's FormatPrError (utils/prudence.ts). */
export function formatPrError(err: SchemaError, foreword = 'Error'): string {
  return formatSchemaError(err, foreword);
}

/** prudence's static checks used by Tachi's hook schemas */
export const p = {
  isInteger: checks.isInteger as Check,
  isPositiveInteger: checks.isPositiveInteger as Check,
  isBoundedInteger: (lower: number, upper: number) => checks.isBoundedInteger(lower, upper) as Check,
  isBetween: (lower: number, upper: number) => checks.isBetween(lower, upper) as Check,
  isIn:
    (...values: unknown[]): Check =>
    (v) =>
      values.includes(v) || `Expected any of ${values.join(', ')}.`,
  any: (() => true) as Check,
  optional:
    (schema: PrValue): Check =>
    (v, keychain, allowExcessKeys) =>
      v === undefined ? true : (validateValue(v, schema, keychain, allowExcessKeys) ?? true),
  or:
    (...schemas: PrValue[]): Check =>
    (v, keychain, allowExcessKeys) =>
      schemas.some((s) => validateValue(v, s, keychain, allowExcessKeys) === null) || 'The input was invalid, but no error message is available.',
};
