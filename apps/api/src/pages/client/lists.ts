/** The lists of imports: the latest, the failed ones, and one user's; each row links to its import. */
import type { FailedImportList, FailedImportView, ImportList, ImportView, UserView } from '@score-import/contracts';
import { api } from './api.ts';
import { byID, h, replace, uid } from './dom.ts';
import { date, num, shortID } from './format.ts';
import { sortableTable, type Column } from './table.ts';
import { identity } from './token.ts';

type Names = Map<number, string>;

function names(users: UserView[]): Names {
  return new Map(users.map((u) => [u.id, u.username]));
}

const importLink = (importID: string) => h('a', { href: `/imports/${importID}`, class: 'id', 'aria-label': `Import ${shortID(importID)}` }, shortID(importID));
const userLink = (userID: number, users: Names) => h('a', { href: `/users/${userID}/imports` }, users.get(userID) ?? `#${userID}`);

function importColumns(users: Names | null): Column<ImportView>[] {
  return [
    { key: 'import', label: 'Import', cell: (i) => importLink(i.importID), rowHeader: true },
    ...(users ? [{ key: 'user', label: 'User', cell: (i: ImportView) => userLink(i.userID, users), sort: (i: ImportView) => users.get(i.userID) ?? '' }] : []),
    { key: 'game', label: 'Game', cell: (i) => i.game, sort: (i) => i.game },
    { key: 'type', label: 'Type', cell: (i) => i.importType, sort: (i) => i.importType },
    { key: 'scores', label: 'Scores', cell: (i) => num(i.scoreIDs.length), sort: (i) => i.scoreIDs.length, numeric: true },
    { key: 'skipped', label: 'Skipped', cell: (i) => num(i.skippedDuplicates ?? 0), sort: (i) => i.skippedDuplicates ?? 0, numeric: true },
    { key: 'errors', label: 'Errors', cell: (i) => num(i.errors.length), sort: (i) => i.errors.length, numeric: true },
    { key: 'finished', label: 'Finished', cell: (i) => date(i.timeFinished), sort: (i) => i.timeFinished },
  ];
}

function failedColumns(users: Names | null): Column<FailedImportView>[] {
  return [
    { key: 'import', label: 'Import', cell: (i) => importLink(i.importID), rowHeader: true },
    ...(users
      ? [{ key: 'user', label: 'User', cell: (i: FailedImportView) => userLink(i.userID, users), sort: (i: FailedImportView) => users.get(i.userID) ?? '' }]
      : []),
    { key: 'type', label: 'Type', cell: (i) => i.importType, sort: (i) => i.importType },
    { key: 'status', label: 'Status', cell: (i) => i.error?.statusCode ?? '—', sort: (i) => i.error?.statusCode ?? null, numeric: true },
    { key: 'why', label: 'Why it failed', cell: (i) => h('span', { class: 'error-message' }, i.error?.message ?? '') },
    { key: 'started', label: 'Submitted', cell: (i) => date(i.timeStarted), sort: (i) => i.timeStarted },
  ];
}

function problem(status: number, description: string): HTMLElement {
  return h('p', { class: 'message bad', role: 'alert' }, `Could not load the list (${status}): ${description}`);
}

export async function latestImportsPage(): Promise<void> {
  const content = byID('content');
  const { status, json } = await api<ImportList>('/api/v1/imports', { auth: false });
  if (!json.success) return replace(content, problem(status, json.description));
  const { imports, users } = json.body;
  replace(
    content,
    h('p', null, `The ${num(imports.length)} most recent imports, newest first. `, h('a', { href: '/imports/failed' }, 'Failed imports')),
    sortableTable('Latest imports', importColumns(names(users)), imports, {
      initial: { key: 'finished', direction: 'descending' },
      empty: 'No import yet.',
    }),
  );
}

export async function failedImportsPage(): Promise<void> {
  const content = byID('content');
  const { status, json } = await api<FailedImportList>('/api/v1/imports/failed', { auth: false });
  if (!json.success) return replace(content, problem(status, json.description));
  const { failedImports, users } = json.body;
  replace(
    content,
    h('p', null, `The ${num(failedImports.length)} most recent failed imports, newest first.`),
    sortableTable('Failed imports', failedColumns(names(users)), failedImports, {
      initial: { key: 'started', direction: 'descending' },
      empty: 'No import has failed.',
    }),
  );
}

/** A user's imports and failed imports; `me` is the token's user. */
export async function userImportsPage(userID: string): Promise<void> {
  const content = byID('content');
  const load = async () => {
    const base = `/api/v1/users/${encodeURIComponent(userID)}/imports`;
    const [done, failed] = await Promise.all([api<ImportView[]>(base), api<FailedImportView[]>(`${base}/failed`)]);
    if (!done.json.success) return replace(content, problem(done.status, done.json.description));
    if (!failed.json.success) return replace(content, problem(failed.status, failed.json.description));
    if (userID === 'me') {
      const who = await identity();
      if (who.ok && who.status.username) byID('user-name').textContent = who.status.username;
    } else if (/^\d+$/.test(userID)) {
      byID('user-name').textContent = `user #${userID}`;
    }
    const doneID = uid('list');
    const failedID = uid('list');
    replace(
      content,
      h(
        'section',
        { class: 'panel', 'aria-labelledby': doneID },
        h('h2', { id: doneID }, `Imports (${num(done.json.body.length)})`),
        sortableTable('Imports of this user', importColumns(null), done.json.body, {
          initial: { key: 'finished', direction: 'descending' },
          empty: 'No import yet.',
        }),
      ),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': failedID },
        h('h2', { id: failedID }, `Failed imports (${num(failed.json.body.length)})`),
        sortableTable('Failed imports of this user', failedColumns(null), failed.json.body, {
          initial: { key: 'started', direction: 'descending' },
          empty: 'None failed.',
        }),
      ),
    );
  };
  await load();
  if (userID === 'me') {
    let timer: ReturnType<typeof setTimeout> | undefined;
    document.addEventListener('token-change', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void load(), 400);
    });
  }
}
