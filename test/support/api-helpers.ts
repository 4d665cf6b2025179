/**
 * Small helpers shared by the API route tests: BATCH-MANUAL documents, a second API instance on
 * the same Redis and database, and checks that a response leaks no secret and no Mongo _id.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../apps/api/src/app.ts';
import type { Stack } from './stack.ts';

/** Parsed response JSON in tests: shapes are what the assertions check. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export const ACCEPTED =
  'Import loaded into queue. You can poll the provided URL for information on when its complete.';

/** An SDVX BATCH-MANUAL document: `count` scores on inGameIDs 1..count (ADV), optionally timed. */
export function sdvxDoc(count = 1, options: { timeAchieved?: number | null; baseScore?: number } = {}) {
  const base = options.baseScore ?? 9_000_000;
  const time = options.timeAchieved === undefined ? null : options.timeAchieved;
  return {
    meta: { game: 'sdvx', playtype: 'Single', service: 'route-tests' },
    scores: Array.from({ length: count }, (_, i) => ({
      score: base + i,
      lamp: 'CLEAR',
      matchType: 'sdvxInGameID',
      identifier: String(i + 1),
      difficulty: 'ADV',
      ...(time === null ? {} : { timeAchieved: time + i * 60_000 }),
    })),
  };
}

/** A second API instance on the same configuration (same Redis prefix and database). */
export async function secondApp(t: { teardown(fn: () => unknown): void }, stack: Stack): Promise<FastifyInstance> {
  const app = await buildApp(stack.config, { logger: false });
  t.teardown(() => app.close());
  return app;
}

export function poll(app: FastifyInstance, importID: string) {
  return app.inject({ method: 'GET', url: `/api/v1/imports/${importID}/poll-status` });
}

/** Polls until `predicate` holds for the JSON answer (or fails after timeoutMs). */
export async function pollUntil(
  app: FastifyInstance,
  importID: string,
  predicate: (statusCode: number, json: Json) => boolean,
  timeoutMs = 30_000,
): Promise<{ statusCode: number; json: Json }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await poll(app, importID);
    const json = res.json();
    if (predicate(res.statusCode, json)) return { statusCode: res.statusCode, json };
    if (Date.now() > deadline) throw new Error(`poll of ${importID} never matched; last: ${res.statusCode} ${res.body}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const SECRET_KEYS = new Set(['token', 'tokenHash', 'password', 'passwordHash', 'hash', 'email', '_id']);

/** Every path in `value` whose key is a secret or a Mongo _id (empty when clean). */
export function secretPaths(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => secretPaths(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [
      ...(SECRET_KEYS.has(k) ? [`${path}.${k}`] : []),
      ...secretPaths(v, `${path}.${k}`),
    ]);
  }
  return [];
}

/** Whether the raw text contains `needle` (e.g. a token string) anywhere. */
export function containsText(body: string, needle: string): boolean {
  return body.includes(needle);
}
