/**
 * Import a file in a real browser: the token, the file, the live progress bar (Server-Sent Events,
 * or polling without them), the wait behind the user's other import, and what a bad file shows
 * (per-score errors on the import's page; a fatal one as a failed import with its description).
 */
import t from 'tap';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Redis } from 'ioredis';
import { UserLeases } from '@score-import/queue';
import { uploadFile } from '../support/http.ts';
import { ROOT } from '../support/stack.ts';
import { launchBrowser, openPage, plainSDVXCharts, ready, rememberToken, screenshot, startPagesStack } from './support.ts';

const started = Date.now();
const browser = await launchBrowser(t);
const { stack, baseURL } = await startPagesStack(t);
const alice = await stack.user('alice');
const dir = mkdtempSync(join(tmpdir(), 'pages-upload-'));

function file(name: string, content: object | string): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** Picks the file (unless one was dropped) and submits the form; returns the new import's ID (from its link). */
async function submit(page: Page, path: string | null): Promise<string> {
  if (path) await page.getByLabel('Score file (JSON)').setInputFiles(path);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const link = page.locator('#progress a.id');
  await link.waitFor();
  return (await link.textContent())!.trim();
}

async function progressState(page: Page, state: 'completed' | 'failed'): Promise<void> {
  await page.locator(`.progress-view[data-state="${state}"]`).waitFor({ timeout: 20_000 });
}

t.test('upload examples/sdvx.json: the bar reaches completion, the import opens', async (t) => {
  const { page, problems } = await openPage(t, browser, baseURL);
  await page.goto('/');
  await page.getByRole('link', { name: /Import a file/ }).first().click();
  await t.resolveMatch(page.title(), /Import a file/);
  await ready(page);

  // without a token the form says what is missing, and does not send anything
  await page.getByLabel('Score file (JSON)').setInputFiles(join(ROOT, 'examples/sdvx.json'));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  t.equal(await page.locator('#form-message').textContent(), 'Enter your API token first.');
  t.equal(await page.evaluate('document.activeElement.id'), 'token', 'the token field has the focus');

  await page.getByLabel('API token', { exact: true }).fill(alice.token);
  await page.getByText(/Signed in as alice/).waitFor();
  t.match(await page.locator('#whoami').textContent(), /Permissions: delete_score, submit_score/);

  const importID = await submit(page, join(ROOT, 'examples/sdvx.json'));
  t.match(importID, /^[0-9a-f]{40}$/);
  await progressState(page, 'completed');
  const view = page.locator('.progress-view');
  t.equal(await view.getAttribute('data-transport'), 'sse', 'fed by Server-Sent Events');
  const bar = page.getByRole('progressbar', { name: 'Import progress' });
  const [value, max] = await bar.evaluate((el) => [(el as unknown as { value: number }).value, (el as unknown as { max: number }).max]);
  t.equal(value, max, 'the bar is full');
  t.equal(await page.locator('.progress-description').textContent(), 'Import was completed!');
  t.equal(await page.getByTestId('progress-counts').textContent(), '1 score imported, 0 skipped as duplicates, 0 errors.');
  await screenshot(page, 'upload');

  await page.getByRole('link', { name: 'Open the import' }).click();
  await page.waitForURL(`**/imports/${importID}`);
  await ready(page);
  t.equal(await page.getByTestId('import-status').textContent(), 'Completed');
  t.match(await page.getByTestId('count-scores').textContent(), /^1\s*Scores imported$/);
  const row = page.locator('.scores-table tbody tr');
  t.equal(await row.count(), 1);
  const cells = await row.first().locator('th, td').allTextContents();
  t.match(cells.join(' | '), /ALBIDA Powerless Mix.*\| ADV \| 10 \| 9,000,000 \| CLEAR \| A\+ \| 0\.163/);

  // the token was remembered: a fresh visit of the upload page has it
  await page.goto('/import');
  await ready(page);
  t.equal(await page.getByLabel('API token', { exact: true }).inputValue(), alice.token);
  t.same(problems, [], 'no console errors');
});

t.test('while the user has another import running, the progress says it waits', async (t) => {
  const { context, page, problems } = await openPage(t, browser, baseURL);
  await rememberToken(context, alice.token);
  // hold alice's lease as her other import would
  const redis = new Redis(stack.config.REDIS_URL);
  t.teardown(() => redis.disconnect());
  const leases = new UserLeases(redis, stack.config.KEY_PREFIX, 60_000);
  const lease = await leases.tryAcquire(alice.userID);
  t.ok(lease, 'holding the user lease');

  await page.goto('/import');
  await ready(page);
  const doc = { meta: { game: 'sdvx', playtype: 'Single', service: 'browser' }, scores: [{ score: 9_100_000, lamp: 'CLEAR', matchType: 'sdvxInGameID', identifier: '2', difficulty: 'ADV' }] };
  await submit(page, file('second.json', doc));
  await page.locator('.progress-description', { hasText: /Waiting for this user's other import/ }).waitFor();
  t.equal(await page.locator('.progress-view').getAttribute('data-state'), 'ongoing');
  t.equal(await page.locator('.progress-view').getAttribute('data-transport'), 'sse', 'fed by Server-Sent Events');
  await screenshot(page, 'upload-waiting');

  await lease!.release();
  await progressState(page, 'completed');
  t.equal(await page.getByTestId('progress-counts').textContent(), '1 score imported, 0 skipped as duplicates, 0 errors.');
  t.same(problems, []);
});

t.test('a dropped file; without EventSource the page polls poll-status once a second', async (t) => {
  const { context, page, problems } = await openPage(t, browser, baseURL);
  await rememberToken(context, alice.token);
  await context.addInitScript({ content: 'delete window.EventSource;' });
  await page.goto('/import');
  await ready(page);
  const doc = { meta: { game: 'sdvx', playtype: 'Single', service: 'browser' }, scores: [{ score: 9_200_000, lamp: 'CLEAR', matchType: 'sdvxInGameID', identifier: '3', difficulty: 'ADV' }] };
  const polls: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/poll-status')) polls.push(r.url());
  });
  // dropped on the drop zone rather than picked
  const dropped = await page.evaluateHandle(
    `(() => { const d = new DataTransfer(); d.items.add(new File([${JSON.stringify(JSON.stringify(doc))}], 'dropped.json', { type: 'application/json' })); return d; })()`,
  );
  await page.locator('#dropzone').dispatchEvent('dragover', { dataTransfer: dropped });
  t.equal(await page.locator('#dropzone.dragging').count(), 1, 'the zone shows a file is over it');
  await page.locator('#dropzone').dispatchEvent('drop', { dataTransfer: dropped });
  t.equal(await page.locator('#file-help').textContent(), 'Selected: dropped.json (1 KiB).');
  t.equal(await page.locator('#dropzone.dragging').count(), 0);
  await submit(page, null);
  t.equal(await page.locator('.progress-view').getAttribute('data-transport'), 'poll');
  await progressState(page, 'completed');
  t.ok(polls.length >= 1, `polled ${polls.length} time(s)`);
  t.equal(await page.locator('.progress-description').textContent(), 'Import was completed!');
  t.same(problems, []);
});

t.test("an import's page while it waits and runs, then its result", async (t) => {
  const { context, page, problems } = await openPage(t, browser, baseURL);
  await rememberToken(context, alice.token);
  const redis = new Redis(stack.config.REDIS_URL);
  t.teardown(() => redis.disconnect());
  const lease = await new UserLeases(redis, stack.config.KEY_PREFIX, 60_000).tryAcquire(alice.userID);
  t.ok(lease, 'holding the user lease');
  const [plain] = plainSDVXCharts(1);
  const res = await uploadFile(stack.app, alice.token, {
    meta: { game: 'sdvx', playtype: 'Single', service: 'browser' },
    scores: [{ score: 9_400_000, lamp: 'CLEAR', matchType: 'sdvxInGameID', identifier: String(plain.inGameID), difficulty: plain.difficulty }],
  });
  t.equal(res.statusCode, 202);
  const importID = res.json().body.importID as string;

  await page.goto(`/imports/${importID}`);
  await ready(page);
  t.equal(await page.getByTestId('import-status').textContent(), 'Ongoing');
  await page.locator('.progress-description', { hasText: /Waiting for this user's other import/ }).waitFor();
  await lease!.release();
  await page.getByTestId('import-status').filter({ hasText: 'Completed' }).waitFor({ timeout: 20_000 });
  t.equal(await page.locator('.scores-table tbody tr').count(), 1);
  t.match((await page.locator('.scores-table tbody tr th').textContent()) ?? '', plain.title);
  t.same(problems, []);
});

t.test('a file with a bad score and an unknown chart: the import lists its errors', async (t) => {
  const { context, page, problems } = await openPage(t, browser, baseURL);
  await rememberToken(context, alice.token);
  await page.goto('/import');
  await ready(page);
  const [plain] = plainSDVXCharts(1);
  const doc = {
    meta: { game: 'sdvx', playtype: 'Single', service: 'browser' },
    scores: [
      { score: 9_300_000, lamp: 'CLEAR', matchType: 'sdvxInGameID', identifier: String(plain.inGameID), difficulty: plain.difficulty },
      { score: 9_000_000, lamp: 'PERFECT ULTIMATE CHAIN', matchType: 'sdvxInGameID', identifier: String(plain.inGameID), difficulty: plain.difficulty },
      { score: 9_000_000, lamp: 'CLEAR', matchType: 'sdvxInGameID', identifier: '9999999', difficulty: 'ADV' },
    ],
  };
  const importID = await submit(page, file('bad-scores.json', doc));
  await progressState(page, 'completed');
  t.equal(await page.getByTestId('progress-counts').textContent(), '1 score imported, 0 skipped as duplicates, 2 errors.');

  await page.goto(`/imports/${importID}`);
  await ready(page);
  t.match(await page.getByTestId('count-errors').textContent(), /^2\s*Errors$/);
  const byType = await page.locator('.error-types li').allTextContents();
  t.same(byType.sort(), ['InvalidDatapoint: 1', 'SongOrChartNotFound: 1']);
  const errors = await page.locator('ol.errors li').allTextContents();
  t.same(errors, [
    'InvalidDatapoint Got 1 error when validating score:\nCannot have a PERFECT ULTIMATE CHAIN without a perfect score.',
    'SongOrChartNotFound Cannot find SDVX chart with inGameID 9999999, difficulty ADV and version null.',
  ]);
  await screenshot(page, 'import-errors');
  t.same(problems, []);
});

t.test('a file that cannot be read fails the import, with its description', async (t) => {
  const { context, page, problems } = await openPage(t, browser, baseURL);
  await rememberToken(context, alice.token);
  await page.goto('/import');
  await ready(page);
  const doc = { meta: { game: 'sdvx', playtype: 'Single', service: 'browser' }, scores: [{ score: 123.5, lamp: 'CLEAR', matchType: 'sdvxInGameID', identifier: '1', difficulty: 'ADV' }] };
  const importID = await submit(page, file('fatal.json', doc));
  await progressState(page, 'failed');
  const description = 'Invalid BATCH-MANUAL: scores[0].score | Expected an integer. | Received 123.5 [type: number].';
  const alert = page.getByRole('alert').filter({ hasText: 'The import failed' });
  t.equal((await alert.locator('p').first().textContent())?.trim(), `The import failed (400): ${description}`);
  t.match(await alert.locator('p').nth(1).textContent(), /^(Nothing of it was kept\.|What it wrote is still being cleaned up\.)$/, 'says whether its clean-up is done');

  // its own page says the same, and so does the list of failed imports
  await page.goto(`/imports/${importID}`);
  await ready(page);
  t.equal(await page.getByTestId('import-status').textContent(), 'Failed');
  t.equal(await page.locator('.failure-description').textContent(), description);
  t.match(await page.getByRole('alert').textContent(), /Nothing of it was kept\.|What it wrote is still being cleaned up\./);
  await page.goto('/imports/failed');
  await ready(page);
  const row = page.locator('tbody tr', { has: page.locator(`a[href="/imports/${importID}"]`) });
  t.match((await row.locator('th, td').allTextContents()).join(' | '), new RegExp(`alice \\| file/batch-manual \\| 400 \\| ${description.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  await screenshot(page, 'failed-imports');
  t.same(problems, []);
});

t.test('a token the API does not know: the page says so and the upload is refused', async (t) => {
  const { context, page } = await openPage(t, browser, baseURL);
  await rememberToken(context, 'not-a-real-token');
  await page.goto('/import');
  await ready(page);
  await page.getByText(/This token is not accepted/).waitFor();
  await page.getByLabel('Score file (JSON)').setInputFiles(join(ROOT, 'examples/sdvx.json'));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.locator('#form-message', { hasText: 'not accepted' }).waitFor();
  t.equal(
    await page.locator('#form-message').textContent(),
    'The file was not accepted (401): The provided API token does not correspond with any key in the database.',
  );
  t.equal(await page.locator('#progress-section').isVisible(), false, 'no progress for a refused upload');
});

t.test('timing', async (t) => {
  t.pass(`browser upload tests took ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
