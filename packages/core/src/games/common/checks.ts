/**
 * prudence 0.10.0's static checks, with its exact messages: Tachi's game configs validate their
 * metrics with these (`p.isBetween(0, 100)` …), and the messages reach clients in errors.
 */
import type { NumberCheck } from '../types.ts';

/** A check that also says its bounds in JSON Schema words (BATCH-MANUAL's OpenAPI schema shows them). */
function bounded(check: (v: number) => true | string, bounds: { minimum?: number; maximum?: number; exclusiveMinimum?: number; exclusiveMaximum?: number }): NumberCheck {
  return Object.assign(check, { jsonSchema: bounds });
}

export const p = {
  isInteger: ((v) => Number.isSafeInteger(v) || 'Expected an integer.') as NumberCheck,
  isPositive: bounded((v) => (typeof v === 'number' && v >= 0) || 'Expected a positive number.', { minimum: 0 }),
  isPositiveNonZero: bounded((v) => (typeof v === 'number' && v > 0) || 'Expected a positive non-zero number.', { exclusiveMinimum: 0 }),
  isPositiveInteger: bounded((v) => (Number.isSafeInteger(v) && v >= 0) || 'Expected a positive integer.', { minimum: 0 }),
  isPositiveNonZeroInteger: bounded((v) => (Number.isSafeInteger(v) && v > 0) || 'Expected a positive non-zero integer.', { minimum: 1 }),
  isBetween: (lower: number, upper: number): NumberCheck =>
    bounded((v) => (typeof v === 'number' && v >= lower && v <= upper) || `Expected a number between ${lower} and ${upper}.`, {
      minimum: lower,
      maximum: upper,
    }),
  isBoundedInteger: (lower: number, upper: number): NumberCheck =>
    bounded((v) => (Number.isSafeInteger(v) && v >= lower && v <= upper) || `Expected an integer between ${lower} and ${upper}.`, {
      minimum: lower,
      maximum: upper,
    }),
  gt: (n: number): NumberCheck => bounded((v) => (typeof v === 'number' && v > n) || `Expected number to be greater than ${n}.`, { exclusiveMinimum: n }),
  gte: (n: number): NumberCheck =>
    bounded((v) => (typeof v === 'number' && v >= n) || `Expected number to be greater than or equal to ${n}.`, { minimum: n }),
  lt: (n: number): NumberCheck => bounded((v) => (typeof v === 'number' && v < n) || `Expected number to be less than ${n}.`, { exclusiveMaximum: n }),
  lte: (n: number): NumberCheck =>
    bounded((v) => (typeof v === 'number' && v <= n) || `Expected number to be less than or equal to ${n}.`, { maximum: n }),
};
