/**
 * Browser test support: the system's Chromium (installed with apt-get when missing; Playwright's
 * own browser downloads are never used), driven by playwright-core, against a real API listening on
 * a port, real workers, Redis and the database (test/support/stack.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { ROOT, startStack, type Stack } from '../support/stack.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Chromium's flags here: headless, no sandbox (tests run as root), and nothing that reaches out to
 * the network by itself (this machine's network is closed: such connections are refused and slow
 * the browser down). Playwright gives every launch a fresh --user-data-dir of its own (and deletes
 * it on close); passing one in `args` is refused by Playwright.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let installed = false;

/**
 * Installs Debian's chromium package when the browser is missing (as root, like scripts/lib.sh
 * does Redis). Test files run in parallel: a lock file makes the second wait for the first's
 * install (and then find the browser there), and apt waits for a dpkg lock held by anyone else.
 */
export function ensureChromium(): string {
  if (installed || existsSync(CHROMIUM)) {
    installed = true;
    return CHROMIUM;
  }
  process.stderr.write(`${CHROMIUM} is missing: installing Debian's chromium package with apt-get\n`);
  const apt = 'apt-get -o DPkg::Lock::Timeout=300 -y -qq';
  // a fresh machine may not have the package lists yet: update and try again
  const script = `test -x ${CHROMIUM} || ${apt} install chromium || { ${apt} update && ${apt} install chromium; }`;
  const result = spawnSync('flock', ['/tmp/score-import-chromium-install.lock', 'sh', '-c', script], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: 480_000,
  });
  if (result.status !== 0 || !existsSync(CHROMIUM)) {
    throw new Error(`could not install chromium with apt-get (${result.status ?? result.error?.message}); ${CHROMIUM} is missing`);
  }
  installed = true;
  return CHROMIUM;
}

type Teardown = { teardown(fn: () => unknown): void };

/** One headless Chromium for a whole test file, closed at its end. */
export async function launchBrowser(t: Teardown): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
  t.teardown(() => browser.close());
  return browser;
}

export interface PagesStack {
  stack: Stack;
  /** http://127.0.0.1:<port> */
  baseURL: string;
}

/** A stack (API, in-process workers, users) whose API listens on a free port for the browser. */
export async function startPagesStack(t: Teardown): Promise<PagesStack> {
  const stack = await startStack(t);
  await stack.app.listen({ port: 0, host: '127.0.0.1' });
  const address = stack.app.server.address();
  if (!address || typeof address === 'string') throw new Error('the API is not listening on a TCP port');
  return { stack, baseURL: `http://127.0.0.1:${address.port}` };
}

/**
 * A fresh context (its own localStorage) and page; console errors and failed page requests are
 * collected so that a test can assert there were none.
 */
export async function openPage(
  t: Teardown,
  browser: Browser,
  baseURL: string,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ baseURL, locale: 'en-US', timezoneId: 'UTC', viewport: { width: 1200, height: 900 }, ...options });
  context.setDefaultTimeout(10_000);
  t.teardown(() => context.close());
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    // a 4xx the page asked for on purpose (e.g. the detail of a failed import) is logged by Chromium as a console error
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  return { context, page, problems };
}

/** Puts a token in the page's storage before its scripts run, as a person who saved it would have. */
export async function rememberToken(context: BrowserContext, token: string): Promise<void> {
  await context.addInitScript({ content: `localStorage.setItem('score-import.token', ${JSON.stringify(token)});` });
}

/** The page's own scripts have drawn it (main.ts sets data-ready on <html>). */
export async function ready(page: Page): Promise<void> {
  await page.waitForSelector('html[data-ready="true"]');
}

const SCREENSHOTS_DIR = join(ROOT, 'docs', 'screenshots');
const SCRATCH_DIR = join(ROOT, '.cache', 'screenshots');

/**
 * A screenshot of the page. It goes to docs/screenshots/ (the README shows them) when
 * UPDATE_SCREENSHOTS=1, else to .cache/screenshots/, so that a test run leaves the work tree clean.
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? SCREENSHOTS_DIR : SCRATCH_DIR;
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true, animations: 'disabled' });
  return path;
}

/** WCAG 2 contrast ratio of two CSS colours `rgb(r, g, b)` as getComputedStyle gives them. */
export function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * SDVX charts (from the bundled seed data) whose songs have plain ASCII titles (the test machine's Chromium has no CJK fonts,
 * and the screenshots should be readable), with one numeric in-game ID each, in data order.
 */
export function plainSDVXCharts(count: number): { inGameID: number; difficulty: string; title: string }[] {
  const read = <T>(name: string) => JSON.parse(readFileSync(join(ROOT, 'packages/core/data', name), 'utf8')) as T[];
  const songs = read<{ id: number; title: string; artist: string }>('songs-sdvx.json');
  const charts = read<{ songID: number; difficulty: string; data: { inGameID: unknown } }>('charts-sdvx.json');
  const titles = new Map(songs.filter((s) => /^[\x20-\x7e]+$/.test(s.title) && /^[\x20-\x7e]*$/.test(s.artist)).map((s) => [s.id, s.title]));
  const picked: { inGameID: number; difficulty: string; title: string }[] = [];
  const usedSongs = new Set<number>();
  for (const chart of charts) {
    const title = titles.get(chart.songID);
    const wanted = ['EXH', 'ADV', 'MXM'][picked.length % 3];
    if (!title || usedSongs.has(chart.songID) || typeof chart.data.inGameID !== 'number' || chart.difficulty !== wanted) continue;
    usedSongs.add(chart.songID);
    picked.push({ inGameID: chart.data.inGameID, difficulty: chart.difficulty, title });
    if (picked.length === count) break;
  }
  return picked;
}
