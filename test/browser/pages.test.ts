/**
 * The import pages in a real browser: the landing page and lists, one import's page (counts,
 * pictures, sessions, class changes, a sortable table), who gets a revert button, the revert
 * itself, and the page on a phone in dark mode. The API answers are also checked against the
 * contracts schemas the pages are typed with.
 */
import t, { type Test } from 'tap';
import type { Page } from 'playwright-core';
import { Value } from 'typebox/value';
import { FailedImportList, ImportDetail, ImportList, ServerStatus } from '@score-import/contracts';
import { createToken } from '@score-import/db';
import type { Json } from '../support/api-helpers.ts';
import { importAndWait } from '../support/http.ts';
import { contrast, launchBrowser, openPage, plainSDVXCharts, ready, rememberToken, screenshot, startPagesStack } from './support.ts';

const started = Date.now();
const browser = await launchBrowser(t);
const { stack, baseURL } = await startPagesStack(t);
const alice = await stack.user('alice');
const aliceReadOnly = (await createToken(stack.db, 'alice', ['submit_score'])).token;
const carol = await stack.user('carol');
const admin = await stack.user('root', { admin: true });

// 12 scores in three sessions (an hour apart... five hours apart), four lamps, and a dan class
const HOUR = 3_600_000;
const T0 = Date.UTC(2025, 0, 4, 18);
const LAMPS = ['FAILED', 'CLEAR', 'EXCESSIVE CLEAR', 'MAXXIVE CLEAR'];
const charts = plainSDVXCharts(12);
const file = {
  meta: { game: 'sdvx', playtype: 'Single', service: 'browser-tests' },
  classes: { dan: 'DAN_5' },
  scores: charts.map((c, i) => ({
    score: 8_200_000 + ((i * 7919 * 131) % 1_750_000),
    lamp: LAMPS[i % 4],
    matchType: 'sdvxInGameID',
    identifier: String(c.inGameID),
    difficulty: c.difficulty,
    timeAchieved: T0 + Math.floor(i / 4) * 5 * HOUR + (i % 4) * 3 * 60_000,
  })),
};
const imported = await importAndWait(stack.app, alice.token, file);
if (imported.statusCode !== 200 || imported.json.body?.importStatus !== 'completed') throw new Error(`setup import failed: ${JSON.stringify(imported.json)}`);
const importID = imported.importID;
const detail: Json = (await stack.app.inject({ method: 'GET', url: `/api/v1/imports/${importID}` })).json().body;

async function openImport(page: Page): Promise<void> {
  await page.goto(`/imports/${importID}`);
  await ready(page);
}

/** The texts of one column of the scores table, by its heading. */
async function column(page: Page, heading: string): Promise<string[]> {
  const headings = (await page.locator('.scores-table thead th').allTextContents()).map((h) => h.replace(/[↕▲▼]/g, '').trim());
  const index = headings.indexOf(heading);
  if (index < 0) throw new Error(`no column ${heading} in ${headings.join(', ')}`);
  return page.locator(`.scores-table tbody tr > :nth-child(${index + 1})`).allTextContents();
}

const number = (text: string) => Number(text.replace(/,/g, ''));

t.test('the API answers fit the schemas the pages are typed with', async (t) => {
  t.ok(Value.Check(ImportDetail, detail), `GET /imports/:id fits ImportDetail ${JSON.stringify([...Value.Errors(ImportDetail, detail)].slice(0, 3))}`);
  const list = (await stack.app.inject({ method: 'GET', url: '/api/v1/imports' })).json().body;
  t.ok(Value.Check(ImportList, list), 'GET /imports fits ImportList');
  const failed = (await stack.app.inject({ method: 'GET', url: '/api/v1/imports/failed' })).json().body;
  t.ok(Value.Check(FailedImportList, failed), 'GET /imports/failed fits FailedImportList');

  const status = async (token?: string) => {
    const res = await stack.app.inject({ method: 'GET', url: '/api/v1/status', headers: token ? { authorization: `Bearer ${token}` } : {} });
    t.equal(res.statusCode, 200);
    const body = res.json().body;
    t.ok(Value.Check(ServerStatus, body), 'GET /status fits ServerStatus');
    return body;
  };
  t.match(await status(), { whoami: null, permissions: [], username: null, isAdmin: false });
  t.match(await status(alice.token), { whoami: alice.userID, permissions: ['delete_score', 'submit_score'], username: 'alice', isAdmin: false });
  t.match(await status(aliceReadOnly), { whoami: alice.userID, permissions: ['submit_score'] });
  t.match(await status(admin.token), { whoami: admin.userID, username: 'root', isAdmin: true });
  const unknown = await stack.app.inject({ method: 'GET', url: '/api/v1/status', headers: { authorization: 'Bearer nope' } });
  t.equal(unknown.statusCode, 401);
  t.equal((await stack.app.inject({ method: 'GET', url: '/api/v1/status?echo=hi' })).json().body.echo, 'hi');
});

t.test('the landing page links to every page; a user\'s imports by name', async (t) => {
  const { page, problems } = await openPage(t, browser, baseURL);
  await page.goto('/');
  await ready(page);
  const main = page.getByRole('main');
  for (const [name, href] of [
    ['Import a file', '/import'],
    ['Latest imports', '/imports'],
    ['Failed imports', '/imports/failed'],
    ['My imports', '/users/me/imports'],
  ]) {
    t.equal(await main.getByRole('link', { name: new RegExp(`^${name}`) }).getAttribute('href'), href, `${name} → ${href}`);
  }
  await screenshot(page, 'home');
  await page.getByLabel("A user's imports: username or user ID").fill('alice');
  await page.getByRole('button', { name: 'Show their imports' }).click();
  await page.waitForURL('**/users/alice/imports');
  await ready(page);
  t.equal(await page.locator(`a[href="/imports/${importID}"]`).count(), 1, 'alice\'s page links to her import');
  t.match(await page.getByRole('heading', { level: 2 }).first().textContent(), /^Imports \(1\)$/);
  t.same(problems, []);
});

t.test('the latest imports link to their pages; "my imports" with a token', async (t) => {
  const { context, page, problems } = await openPage(t, browser, baseURL);
  await page.goto('/imports');
  await ready(page);
  const row = page.locator('tbody tr', { has: page.locator(`a[href="/imports/${importID}"]`) });
  t.same((await row.locator('th, td').allTextContents()).slice(0, 7), [importID.slice(0, 12), 'alice', 'sdvx', 'file/batch-manual', '12', '0', '0']);
  await screenshot(page, 'imports');
  await row.getByRole('link', { name: `Import ${importID.slice(0, 12)}` }).click();
  await page.waitForURL(`**/imports/${importID}`);
  await ready(page);
  t.equal(await page.getByTestId('import-status').textContent(), 'Completed');

  await rememberToken(context, alice.token);
  await page.goto('/users/me/imports');
  await ready(page);
  await page.getByRole('heading', { name: 'Imports of alice' }).waitFor();
  t.equal(await page.locator(`a[href="/imports/${importID}"]`).count(), 1);
  t.same(problems, []);
});

t.test('an import: status, counts, pictures, sessions, class changes', async (t) => {
  const { page, problems } = await openPage(t, browser, baseURL);
  await openImport(page);
  t.equal(await page.getByTestId('import-status').textContent(), 'Completed');
  const counts = async (id: string) => (await page.getByTestId(id).innerText()).replace(/\s+/g, ' ').trim();
  t.equal(await counts('count-scores'), '12 Scores imported');
  t.equal(await counts('count-skipped'), '0 Skipped duplicates');
  t.equal(await counts('count-errors'), '0 Errors');
  t.equal(await counts('count-sessions'), `${detail.import.createdSessions.length} Sessions`);
  t.equal(await page.locator('.scores-table tbody tr').count(), 12);

  // the columns are the game's metrics found in the scores, then its ratings
  const headings = (await page.locator('.scores-table thead th').allTextContents()).map((h) => h.replace(/[↕▲▼]/g, '').trim());
  t.same(headings, ['#', 'Song', 'Difficulty', 'Level', 'Score', 'Lamp', 'Grade', 'VF6', 'Achieved']);

  // without a token: how to get a revert
  await page.getByText('To revert this import,').waitFor();
  t.equal(await page.getByRole('button', { name: 'Revert this import' }).count(), 0);

  // scores by grade, best first, then by lamp
  const bars = async () =>
    page.locator('svg.bar-chart g.bar').evaluateAll((gs) =>
      gs.map((g) => [(g as unknown as { dataset: { label: string } }).dataset.label, Number((g as unknown as { lastChild: { textContent: string } }).lastChild.textContent)]),
    );
  const scores: Json[] = detail.scores;
  const expected = (metric: string) => {
    const byValue = new Map<string, { index: number; n: number }>();
    for (const s of scores) {
      const e = byValue.get(s.scoreData[metric]) ?? { index: s.scoreData.enumIndexes[metric], n: 0 };
      e.n++;
      byValue.set(s.scoreData[metric], e);
    }
    return [...byValue].sort((a, b) => b[1].index - a[1].index).map(([v, e]) => [v, e.n]);
  };
  t.same(await bars(), expected('grade'), 'bars by grade, best first');
  t.equal(await page.getByRole('img', { name: /^Scores of this import by grade/ }).count(), 1, 'the chart is an image with a name');
  await page.getByLabel('Group the scores by').selectOption('lamp');
  t.same(await bars(), [['MAXXIVE CLEAR', 3], ['EXCESSIVE CLEAR', 3], ['CLEAR', 3], ['FAILED', 3]], 'bars by lamp');
  await page.getByLabel('Group the scores by').selectOption('grade');

  // one timeline per session, a dot per score of this import in it
  const sessions: Json[] = detail.sessions;
  t.equal(sessions.length, 3);
  t.equal(await page.locator('article.session').count(), 3);
  for (const session of sessions) {
    const card = page.locator('article.session', { has: page.getByRole('heading', { name: session.name }) });
    t.equal(await card.locator('svg.timeline circle').count(), session.scoreIDs.length, `${session.name}: a dot per score`);
    t.match(await card.locator('.badge').textContent(), 'Created');
    t.match(await card.getByRole('img').getAttribute('aria-labelledby'), /timeline-title/);
  }

  // class changes
  const classes = await page.locator('section', { has: page.getByRole('heading', { name: 'Class changes' }) }).locator('tbody tr').evaluateAll((rows) =>
    rows.map((r) => (r as unknown as { textContent: string }).textContent),
  );
  t.ok(classes.includes('danSingle—DAN_5'), `dan → DAN_5 (${classes.join('; ')})`);
  t.same(
    classes.length,
    detail.import.classDeltas.length,
    'every class delta is listed',
  );
  await screenshot(page, 'import');
  t.same(problems, []);
});

t.test('sorting the scores table, by mouse and by keyboard', async (t) => {
  const { page, problems } = await openPage(t, browser, baseURL);
  await openImport(page);
  t.same(await column(page, '#'), Array.from({ length: 12 }, (_, i) => String(i + 1)), 'in the file\'s order at first');
  const scoreHeading = page.locator('.scores-table th', { has: page.getByRole('button', { name: 'Score' }) });

  await page.getByRole('button', { name: 'Score', exact: true }).click();
  t.equal(await scoreHeading.getAttribute('aria-sort'), 'ascending');
  const ascending = (await column(page, 'Score')).map(number);
  t.same(ascending, [...ascending].sort((a, b) => a - b), 'scores ascending');
  t.not(ascending[0], ascending[11]);

  await page.getByRole('button', { name: 'Score', exact: true }).click();
  t.equal(await scoreHeading.getAttribute('aria-sort'), 'descending');
  t.same((await column(page, 'Score')).map(number), [...ascending].reverse(), 'scores descending');

  // by keyboard: the heading buttons are in the tab order; Enter sorts, the game's order for enums
  const lamp = page.getByRole('button', { name: 'Lamp', exact: true });
  await lamp.focus();
  await page.keyboard.press('Enter');
  t.equal(await page.locator('.scores-table th[aria-sort]').count(), 1, 'one sorted column');
  t.equal(await page.locator('.scores-table th', { has: lamp }).getAttribute('aria-sort'), 'ascending');
  const lamps = await column(page, 'Lamp');
  t.same(lamps, [...lamps].sort((a, b) => LAMPS.indexOf(a) - LAMPS.indexOf(b)), 'lamps in the game\'s order, not alphabetical');
  t.equal(lamps[0], 'FAILED');
  await page.keyboard.press('Tab');
  t.equal(await page.evaluate('document.activeElement.textContent'), 'Grade', 'Tab moves to the next heading');
  await page.keyboard.press('Space');
  t.equal(await page.locator('.scores-table th', { has: page.getByRole('button', { name: 'Grade', exact: true }) }).getAttribute('aria-sort'), 'ascending');
  t.same(problems, []);
});

t.test('who gets a revert button', async (t) => {
  const cases: [string, string, RegExp | null][] = [
    ['alice without delete_score', aliceReadOnly, /lacks the delete_score permission/],
    ['another user', carol.token, /Only the owner of this import or an admin can revert it/],
    ['an admin', admin.token, null],
    ['the owner', alice.token, null],
  ];
  // one page, the token changed in its storage between visits
  const { page: visitor, problems } = await openPage(t, browser, baseURL);
  for (const [who, token, why] of cases) {
    await t.test(who, async (t) => {
      await visitor.goto('/');
      await visitor.evaluate(`localStorage.setItem('score-import.token', ${JSON.stringify(token)})`);
      await openImport(visitor);
      const area = visitor.getByTestId('revert-area');
      if (why) {
        await area.getByText(why).waitFor();
        t.equal(await visitor.getByRole('button', { name: 'Revert this import' }).count(), 0, 'no revert button');
      } else {
        await visitor.getByRole('button', { name: 'Revert this import' }).waitFor();
        t.pass('a revert button');
      }
    });
  }
  t.same(problems, []);
});

t.test('a token typed into the import page takes effect at once', async (t) => {
  const { page } = await openPage(t, browser, baseURL);
  await openImport(page);
  await page.getByText('To revert this import,').waitFor();
  await page.getByRole('button', { name: 'add your API token' }).click();
  t.equal(await page.evaluate('document.activeElement.id'), 'token', 'the token field opens with the focus');
  await page.keyboard.type(aliceReadOnly);
  await page.getByTestId('revert-area').getByText(/lacks the delete_score permission/).waitFor();
  await page.getByLabel('API token', { exact: true }).fill(alice.token);
  await page.getByRole('button', { name: 'Revert this import' }).waitFor();
  t.pass('the owner\'s token brings the button');
});

t.test('on a phone in dark mode: no sideways scrolling, readable contrast', async (t) => {
  const { page, problems } = await openPage(t, browser, baseURL, {
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    colorScheme: 'dark',
  });
  await openImport(page);
  t.equal(await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth'), true, 'the page fits the width');
  t.equal(await page.evaluate('getComputedStyle(document.body).backgroundColor'), 'rgb(15, 18, 22)', 'the dark background');
  await checkContrast(t, page);
  await page.getByRole('heading', { name: 'At a glance' }).evaluate((el) => (el as unknown as { scrollIntoView(): void }).scrollIntoView());
  await screenshot(page, 'import-phone-dark', { fullPage: false });
  t.same(problems, []);

  const light = await openPage(t, browser, baseURL, { colorScheme: 'light' });
  await light.page.goto(`/imports/${importID}`);
  await ready(light.page);
  t.equal(await light.page.evaluate('getComputedStyle(document.body).backgroundColor'), 'rgb(246, 247, 249)', 'the light background');
  await checkContrast(t, light.page);
});

/** Text against its background, WCAG AA: 4.5 for text, 3 for large text and the bars. */
async function checkContrast(t: Test, page: Page) {
  const style = (selector: string, property: string) =>
    page.evaluate(`getComputedStyle(document.querySelector(${JSON.stringify(selector)}))[${JSON.stringify(property)}]`) as Promise<string>;
  const panel = await style('.panel', 'backgroundColor');
  const pairs: [string, string, string, number][] = [
    ['body text', await style('body', 'color'), await style('body', 'backgroundColor'), 4.5],
    ['text on a panel', await style('.panel', 'color'), panel, 4.5],
    ['a hint', await style('.count-name', 'color'), await style('.counts li', 'backgroundColor'), 4.5],
    ['a link', await style('.facts a', 'color'), await style('body', 'backgroundColor'), 4.5],
    ['a table cell', await style('.scores-table tbody tr:nth-child(2) td', 'color'), await style('.scores-table tbody tr:nth-child(2)', 'backgroundColor'), 4.5],
    ['a bar', await style('.chart-bar', 'fill'), panel, 3],
  ];
  for (const [name, fg, bg, min] of pairs) {
    const ratio = contrast(fg, bg === 'rgba(0, 0, 0, 0)' ? panel : bg);
    t.ok(ratio >= min, `${name}: ${fg} on ${bg} has contrast ${ratio.toFixed(2)} (≥ ${min})`);
  }
}

t.test('revert as the owner: confirm, then the import is gone', async (t) => {
  const { context, page, problems } = await openPage(t, browser, baseURL);
  await rememberToken(context, alice.token);
  await openImport(page);
  const button = page.getByRole('button', { name: 'Revert this import' });

  // cancelling changes nothing
  await button.click();
  const dialog = page.getByRole('dialog', { name: 'Revert this import?' });
  await dialog.waitFor();
  t.match(await dialog.textContent(), /Its 12 scores will be deleted/);
  await screenshot(page, 'revert-confirm', { fullPage: false });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden' });
  t.equal(await page.evaluate('document.activeElement.textContent'), 'Revert this import', 'the focus is back on the button');
  t.equal((await stack.app.inject({ method: 'GET', url: `/api/v1/imports/${importID}` })).statusCode, 200, 'still there');

  await button.click();
  await dialog.getByRole('button', { name: 'Revert', exact: true }).click();
  await page.getByText('Reverted import. Its 12 scores were removed.').waitFor();
  t.equal(await page.getByTestId('import-status').textContent(), 'Reverted');
  t.equal(await button.count(), 0, 'no second revert');
  t.equal((await stack.app.inject({ method: 'GET', url: `/api/v1/imports/${importID}` })).statusCode, 404, 'the import is gone');
  t.equal(await stack.db.scores.countDocuments({ userID: alice.userID }), 0, 'and its scores');

  await page.reload();
  await ready(page);
  t.equal(await page.getByTestId('import-status').textContent(), 'Not found');
  t.same(problems, []);
});

t.test('timing', async (t) => {
  t.pass(`browser page tests took ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
