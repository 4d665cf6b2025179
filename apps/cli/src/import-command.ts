import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import cliProgress from 'cli-progress';

export interface ImportOptions {
  file: string;
  url: string;
  token: string;
  /** write progress and the summary here (stderr: progress, stdout: summary) */
  out?: NodeJS.WritableStream;
  err?: NodeJS.WritableStream & { isTTY?: boolean };
  pollIntervalMs?: number;
}

interface Envelope<T> {
  success: boolean;
  description: string;
  body?: T;
}

interface ImportDoc {
  importID: string;
  scoreIDs: string[];
  errors: { type: string; message: string }[];
  createdSessions: { type: 'Created' | 'Appended' }[];
  skippedDuplicates?: number;
}

type Poll =
  | { importStatus: 'ongoing'; progress: { description: string; processed: number | null; total: number | null } }
  | { importStatus: 'completed'; import: ImportDoc };

export class ImportCommandError extends Error {}

/**
 * Whether a poll's answer says "try again" rather than "the import failed": a proxy's 502/504, or
 * a 429/503 with Retry-After (a failed import answers its own status, 503 included, without one).
 */
const transient = (status: number, headers: Headers) =>
  status === 502 || status === 504 || ((status === 429 || status === 503) && headers.has('retry-after'));
/** How long polls may keep failing that way before the command gives up. */
const GIVE_UP_AFTER_MS = 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The reference client: uploads a BATCH-MANUAL file, follows the import with a progress bar
 * (the worker's own description and counts) and prints a summary. Resolves to the exit code.
 */
export async function runImportCommand(opts: ImportOptions): Promise<number> {
  const out = opts.out ?? process.stdout;
  const err = opts.err ?? process.stderr;
  const base = opts.url.replace(/\/+$/, '');
  const content = await readFile(opts.file).catch((e: NodeJS.ErrnoException) => {
    throw new ImportCommandError(`cannot read ${opts.file}: ${e.code ?? e.message}`);
  });

  const form = new FormData();
  form.set('importType', 'file/batch-manual');
  form.set('scoreData', new Blob([content], { type: 'application/json' }), basename(opts.file));
  const submitted = await request<{ url: string; importID: string }>(`${base}/api/v1/import/file`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${opts.token}` },
  });
  if (!submitted.json.success || !submitted.json.body) {
    err.write(`Upload failed (${submitted.status}): ${submitted.json.description}\n`);
    return 1;
  }
  const { importID } = submitted.json.body;
  // poll where the user said the service is: the server's BASE_URL may name another address
  // (a public name, a proxy), and a client should not follow a URL it did not choose
  const url = `${base}/api/v1/imports/${encodeURIComponent(importID)}/poll-status`;
  err.write(`Import ${importID} accepted.\n`);

  const bar = new cliProgress.SingleBar(
    { format: ' {bar} {value}/{total} | {description}', stream: err, noTTYOutput: true, notTTYSchedule: 2_000, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(1, 0, { description: 'Starting up import.' });
  try {
    let unavailableSince: number | null = null;
    for (;;) {
      let polled: Awaited<ReturnType<typeof request<Poll>>>;
      try {
        polled = await request<Poll>(url, {});
      } catch (e) {
        // the service restarting or briefly unreachable does not stop the import: keep following it
        unavailableSince ??= Date.now();
        if (Date.now() - unavailableSince > GIVE_UP_AFTER_MS) throw e;
        await sleep(opts.pollIntervalMs ?? 1000);
        continue;
      }
      if (transient(polled.status, polled.headers)) {
        unavailableSince ??= Date.now();
        if (Date.now() - unavailableSince <= GIVE_UP_AFTER_MS) {
          const retryAfter = Number(polled.headers.get('retry-after'));
          await sleep(opts.pollIntervalMs ?? (retryAfter > 0 ? Math.min(retryAfter, 30) * 1000 : 1000));
          continue;
        }
      }
      unavailableSince = null;
      const body = polled.json.body;
      if (!polled.json.success || !body) {
        bar.stop();
        err.write(`Import failed (${polled.status}): ${polled.json.description}\n`);
        return 1;
      }
      if (body.importStatus === 'completed') {
        bar.update(bar.getTotal(), { description: 'Import was completed!' });
        bar.stop();
        out.write(summary(body.import));
        return 0;
      }
      const { processed, total, description } = body.progress;
      // a phase without counts (e.g. "Updating profile statistics." after every score) keeps the last ones
      if (total !== null) bar.setTotal(Math.max(total, 1));
      if (processed !== null) bar.update(processed, { description });
      else bar.update({ description });
      const retryAfter = Number(polled.headers.get('retry-after'));
      await sleep(opts.pollIntervalMs ?? (retryAfter > 0 ? Math.min(retryAfter, 30) * 1000 : 1000));
    }
  } finally {
    bar.stop();
  }
}

export function summary(doc: ImportDoc): string {
  const byType = new Map<string, number>();
  for (const e of doc.errors) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
  const created = doc.createdSessions.filter((s) => s.type === 'Created').length;
  const appended = doc.createdSessions.length - created;
  const lines = [
    `Import ${doc.importID} completed.`,
    `  scores imported:   ${doc.scoreIDs.length}`,
    `  skipped (already imported): ${doc.skippedDuplicates ?? 0}`,
    `  errors:            ${doc.errors.length}${byType.size ? ` (${[...byType].map(([k, v]) => `${k} ${v}`).join(', ')})` : ''}`,
    `  sessions:          ${created} created, ${appended} appended`,
  ];
  return lines.join('\n') + '\n';
}

async function request<T>(url: string, init: RequestInit): Promise<{ status: number; headers: Headers; json: Envelope<T> }> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (e) {
    throw new ImportCommandError(`cannot reach ${url}: ${(e as Error).cause ?? (e as Error).message}`);
  }
  const text = await res.text();
  try {
    return { status: res.status, headers: res.headers, json: JSON.parse(text) as Envelope<T> };
  } catch {
    return { status: res.status, headers: res.headers, json: { success: false, description: text.slice(0, 200) || res.statusText } };
  }
}
