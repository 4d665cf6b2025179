/**
 * Helpers of the e2e tests of Tachi's hook and exporter formats (file uploads with their form
 * fields, IR routes that answer when the import is done): submit, wait, check poll-status and the
 * revert. Expected values stay in the tests.
 */
import type { Test } from 'tap';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedGameData } from '@score-import/core';
import type { Stack } from '../../support/stack.ts';
import { ROOT } from '../../support/stack.ts';
import { bearer, waitForImport } from '../../support/http.ts';
import type { ImportDoc } from '../helpers.ts';

export const FIXTURES = `${ROOT}/packages/core/test/fixtures`;
export const fixture = (name: string) => readFileSync(`${FIXTURES}/import-types/${name}`);

/** multipart/form-data with the form fields, then the file in scoreData under `filename` */
export function formBody(file: Buffer | string, fields: Record<string, string>, filename = 'scores.csv') {
  const boundary = '----tachiformats' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="scoreData"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.isBuffer(file) ? file : Buffer.from(file),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function upload(stack: Stack, token: string | null, file: Buffer | string, fields: Record<string, string>, filename?: string) {
  const body = formBody(file, fields, filename);
  return stack.app.inject({
    method: 'POST',
    url: '/api/v1/import/file',
    payload: body.payload,
    headers: { ...body.headers, ...(token ? bearer(token) : {}) },
  });
}

/** Uploads, expects 202, waits; returns the importID and the final poll-status answer. */
export async function uploadAndWait(stack: Stack, token: string, file: Buffer | string, fields: Record<string, string>, filename?: string) {
  const res = await upload(stack, token, file, fields, filename);
  if (res.statusCode !== 202) throw new Error(`expected 202, got ${res.statusCode}: ${res.body}`);
  const importID = res.json().body.importID as string;
  return { importID, ...(await waitForImport(stack.app, importID)) };
}

/** Uploads and expects the import to complete; returns its ImportDocument as poll-status shows it. */
export async function uploadOK(t: Test, stack: Stack, token: string, file: Buffer | string, fields: Record<string, string>, filename?: string): Promise<ImportDoc> {
  const final = await uploadAndWait(stack, token, file, fields, filename);
  t.equal(final.statusCode, 200, 'poll-status 200');
  t.equal(final.json.body?.importStatus, 'completed', 'poll-status: completed');
  return final.json.body.import as ImportDoc;
}

/** Uploads and expects the import to fail as a whole with this status and description. */
export async function uploadFails(t: Test, stack: Stack, token: string, file: Buffer | string, fields: Record<string, string>, status: number, description: string, filename?: string) {
  const final = await uploadAndWait(stack, token, file, fields, filename);
  t.equal(final.statusCode, status, `status ${status}: ${description}`);
  t.strictSame(final.json, { success: false, description, body: { importStatus: 'failed', cleanupPending: false } }, description);
}

/** Reverts an import and checks that its scores and ImportDocument are gone. */
export async function revertAndCheck(t: Test, stack: Stack, token: string, importID: string) {
  // the worker lets go of the user's lease just after the import's final status: a revert sent
  // at that moment is refused with 409 (the user's import is still "ongoing"); a client retries
  let res = await stack.app.inject({ method: 'POST', url: `/api/v1/imports/${importID}/revert`, headers: bearer(token) });
  for (let i = 0; res.statusCode === 409 && i < 50; i++) {
    await new Promise((r) => setTimeout(r, 100));
    res = await stack.app.inject({ method: 'POST', url: `/api/v1/imports/${importID}/revert`, headers: bearer(token) });
  }
  t.equal(res.statusCode, 200, 'revert answers 200');
  t.strictSame(res.json(), { success: true, description: 'Reverted import.', body: {} });
  t.equal(await stack.db.scores.countDocuments({ importID }), 0, 'the import\'s scores are gone');
  t.equal(await stack.db.imports.countDocuments({ importID }), 0, 'its ImportDocument is gone');
  const poll = await stack.app.inject({ method: 'GET', url: `/api/v1/imports/${importID}/poll-status` });
  t.equal(poll.statusCode, 404, 'poll-status of a reverted import: 404');
}

/** A chart of the bundled seeds, looked up by hand-readable facts (not by the code under test). */
export function bundledChart(game: string, songTitle: string, difficulty: string) {
  const songs = JSON.parse(readFileSync(`${ROOT}/packages/core/data/songs-${game}.json`, 'utf8')) as { id: number; title: string }[];
  const charts = JSON.parse(readFileSync(`${ROOT}/packages/core/data/charts-${game}.json`, 'utf8')) as {
    chartID: string;
    songID: number;
    difficulty: string;
    isPrimary: boolean;
    level: string;
  }[];
  const song = songs.find((s) => s.title === songTitle);
  const chart = charts.find((c) => c.songID === song?.id && c.difficulty === difficulty && c.isPrimary);
  if (!song || !chart) throw new Error(`no bundled ${game} chart ${songTitle} ${difficulty}`);
  return { songID: song.id, chartID: chart.chartID, level: chart.level };
}

/**
 * Seeds the IIDX fixture songs and charts plus tachi-formats-charts-iidx.json (the charts these
 * import types' tests need besides) with seedGameData, then waits for the running API and worker
 * to notice (they recheck the data's version once a second).
 */
export async function seedIIDX(stack: Stack): Promise<void> {
  const seeds = `${FIXTURES}/seeds`;
  const dir = mkdtempSync(join(tmpdir(), 'seed-iidx-formats-'));
  try {
    const charts = [...JSON.parse(readFileSync(`${seeds}/charts-iidx.json`, 'utf8')), ...JSON.parse(readFileSync(`${seeds}/tachi-formats-charts-iidx.json`, 'utf8'))];
    writeFileSync(join(dir, 'charts-iidx.json'), JSON.stringify(charts));
    writeFileSync(join(dir, 'songs-iidx.json'), readFileSync(`${seeds}/songs-iidx.json`));
    const seeded = await seedGameData(stack.db, dir);
    if (seeded.length !== 1 || seeded[0].game !== 'iidx') throw new Error(`seeded ${JSON.stringify(seeded)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await new Promise((r) => setTimeout(r, 1_100));
}
