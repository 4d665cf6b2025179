/**
 * One import: its status, counts, scores (a sortable table), pictures, sessions, class changes and
 * errors, and a revert for its owner or an admin whose token has delete_score. An import still
 * running shows its live progress first; a failed one its status code and description.
 */
import type { ImportDetail, PollStatusResponse, ScoreView, SessionView } from '@score-import/contracts';
import { api, getToken } from './api.ts';
import { barChart, figure, timeline, type Bar, type TimelinePoint } from './charts.ts';
import { byID, h, replace, uid } from './dom.ts';
import { date, duration, label, num, plural } from './format.ts';
import { ProgressView, watchImport, type PollFailure } from './progress.ts';
import { sortableTable, type Column } from './table.ts';
import { identity } from './token.ts';

/** scoreData fields that are not metrics of the game. */
const NOT_METRICS = new Set(['judgements', 'optional', 'enumIndexes']);

export async function importPage(importID: string): Promise<void> {
  const content = byID('content');
  const { status, json } = await api<ImportDetail>(`/api/v1/imports/${encodeURIComponent(importID)}`, { auth: false });
  if (status === 200 && json.success) {
    renderDetail(content, json.body);
    return;
  }
  if (status !== 404) {
    replace(content, h('p', { class: 'message bad', role: 'alert' }, `The import could not be read (${status}): ${json.description}`));
    return;
  }
  // not completed: still running, failed, or never was
  const poll = await api<PollStatusResponse['body']>(`/api/v1/imports/${encodeURIComponent(importID)}/poll-status`, { auth: false });
  if (poll.status === 200 && poll.json.success && poll.json.body.importStatus === 'ongoing') {
    const view = new ProgressView();
    replace(content, statusLine('Ongoing'), h('section', { class: 'panel', 'aria-label': 'Progress' }, view.root));
    view.ongoing(poll.json.body.progress);
    // the page is drawn; once the import completes it is drawn again with the result
    void watchImport(importID, view).then((outcome) => (outcome.kind === 'completed' ? importPage(importID) : undefined));
    return;
  }
  if (poll.status === 404) {
    replace(
      content,
      statusLine('Not found'),
      h('p', { class: 'message' }, 'There is no such import. It may have been reverted, or the link is wrong.'),
    );
    return;
  }
  const failure = poll.json as PollFailure;
  replace(
    content,
    statusLine('Failed'),
    h(
      'div',
      { class: 'message bad', role: 'alert' },
      h('p', null, `The import failed (${poll.status}): `, h('span', { class: 'failure-description' }, failure.description)),
      failure.body?.cleanupPending === undefined
        ? null
        : h('p', null, failure.body.cleanupPending ? 'What it wrote is still being cleaned up.' : 'Nothing of it was kept.'),
    ),
    h('p', null, h('a', { href: '/imports/failed' }, 'All failed imports')),
  );
}

function statusLine(status: string): HTMLElement {
  return h('p', { class: 'import-status' }, 'Status: ', h('strong', { 'data-testid': 'import-status', class: `status-${status.toLowerCase().replace(/\s/g, '-')}` }, status));
}

function section(title: string, ...children: (Node | string | null)[]): HTMLElement {
  const id = uid('section');
  return h('section', { class: 'panel', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

/** The game's metrics present in these scores (numbers and strings of scoreData), in first-seen order. */
export function metricNames(scores: ScoreView[]): string[] {
  const names = new Set<string>();
  for (const score of scores) {
    for (const [key, value] of Object.entries(score.scoreData)) {
      if (!NOT_METRICS.has(key) && (typeof value === 'number' || typeof value === 'string')) names.add(key);
    }
  }
  return [...names];
}

function ratingNames(rows: { calculatedData: Record<string, number | null> }[]): string[] {
  return [...new Set(rows.flatMap((r) => Object.keys(r.calculatedData ?? {})))];
}

interface Row {
  position: number;
  score: ScoreView;
  title: string;
  artist: string;
  difficulty: string;
  level: string;
  levelNum: number | null;
}

function renderDetail(content: HTMLElement, detail: ImportDetail): void {
  const doc = detail.import;
  const songs = new Map(detail.songs.map((s) => [s.id, s]));
  const charts = new Map(detail.charts.map((c) => [c.chartID, c]));
  const order = new Map(doc.scoreIDs.map((id, i) => [id, i + 1]));
  const rows: Row[] = detail.scores.map((score) => {
    const chart = charts.get(score.chartID);
    const song = songs.get(score.songID);
    return {
      position: order.get(score.scoreID) ?? 0,
      score,
      title: song?.title ?? `song #${score.songID}`,
      artist: song?.artist ?? '',
      difficulty: chart?.difficulty ?? '?',
      level: chart?.level ?? '?',
      levelNum: chart?.levelNum ?? null,
    };
  });
  const username = detail.user.username ?? `#${doc.userID}`;
  const statusText = h('strong', { 'data-testid': 'import-status', class: 'status-completed' }, 'Completed');

  const errorsByType = new Map<string, number>();
  for (const e of doc.errors) errorsByType.set(e.type, (errorsByType.get(e.type) ?? 0) + 1);

  const revert = h('div', { class: 'revert-area', 'data-testid': 'revert-area' });
  const created = new Map(doc.createdSessions.map((c) => [c.sessionID, c.type]));

  replace(
    content,
    h('p', { class: 'import-status' }, 'Status: ', statusText),
    h(
      'dl',
      { class: 'facts' },
      fact('Import ID', h('code', { class: 'id' }, doc.importID)),
      fact('User', h('a', { href: `/users/${doc.userID}/imports` }, username)),
      fact('Game', `${doc.game} (${doc.playtypes.join(', ') || '—'})`),
      fact('Import type', doc.importType),
      fact('Made on purpose', doc.userIntent ? 'yes' : 'no'),
      fact('Started', date(doc.timeStarted)),
      fact('Finished', `${date(doc.timeFinished)} (took ${duration(doc.timeFinished - doc.timeStarted)})`),
    ),
    section(
      'Result',
      h(
        'ul',
        { class: 'counts', 'aria-label': 'Counts' },
        count('Scores imported', doc.scoreIDs.length, 'count-scores'),
        count('Skipped duplicates', doc.skippedDuplicates, 'count-skipped'),
        count('Errors', doc.errors.length, 'count-errors'),
        count('Sessions', doc.createdSessions.length, 'count-sessions'),
      ),
      errorsByType.size === 0
        ? null
        : h(
            'div',
            null,
            h('h3', null, 'Errors by type'),
            h('ul', { class: 'error-types' }, [...errorsByType].map(([type, n]) => h('li', null, h('strong', null, type), `: ${num(n)}`))),
          ),
      revert,
    ),
    rows.length === 0 ? null : picture(rows),
    section(
      `Scores (${num(rows.length)})`,
      sortableTable(`Scores of this import`, scoreColumns(rows), rows, {
        initial: { key: 'position', direction: 'ascending' },
        empty: 'This import added no score.',
        className: 'scores-table',
      }),
    ),
    section(
      `Sessions (${num(detail.sessions.length)})`,
      detail.sessions.length === 0
        ? h('p', null, 'This import created or extended no session (scores without a time achieved have none).')
        : h('div', { class: 'sessions' }, detail.sessions.map((s) => sessionCard(s, created.get(s.sessionID), rows))),
    ),
    section(
      'Class changes',
      doc.classDeltas.length === 0
        ? h('p', null, 'No class changed.')
        : sortableTable(
            'Class changes of this import',
            [
              { key: 'set', label: 'Class', cell: (d) => d.set, sort: (d) => d.set, rowHeader: true },
              { key: 'playtype', label: 'Playtype', cell: (d) => d.playtype },
              { key: 'old', label: 'Before', cell: (d) => d.old ?? '—' },
              { key: 'new', label: 'After', cell: (d) => d.new },
            ],
            doc.classDeltas,
          ),
    ),
    section(
      `Errors (${num(doc.errors.length)})`,
      doc.errors.length === 0
        ? h('p', null, 'No errors.')
        : h(
            'ol',
            { class: 'errors' },
            doc.errors.map((e) => h('li', null, h('strong', { class: 'error-type' }, e.type), ' ', h('span', { class: 'error-message' }, e.message))),
          ),
    ),
  );

  const showRevert = () => void revertArea(revert, detail, () => {
    statusText.textContent = 'Reverted';
    statusText.className = 'status-reverted';
    content.classList.add('reverted');
  });
  showRevert();
  let timer: ReturnType<typeof setTimeout> | undefined;
  document.addEventListener('token-change', () => {
    clearTimeout(timer);
    timer = setTimeout(showRevert, 400);
  });
}

function fact(term: string, value: Node | string): Node[] {
  return [h('dt', null, term), h('dd', null, value)];
}

function count(name: string, n: number, testid: string): HTMLElement {
  return h('li', { 'data-testid': testid }, h('span', { class: 'count-value' }, num(n)), h('span', { class: 'count-name' }, name));
}

function metricCell(value: unknown): string | number | null {
  if (typeof value === 'number') return num(value);
  if (typeof value === 'string') return value;
  return null;
}

function scoreColumns(rows: Row[]): Column<Row>[] {
  const scores = rows.map((r) => r.score);
  const metrics = metricNames(scores);
  const ratings = ratingNames(scores);
  const numeric = (key: string) => scores.some((s) => typeof s.scoreData[key] === 'number');
  return [
    { key: 'position', label: '#', cell: (r) => r.position, sort: (r) => r.position, numeric: true },
    {
      key: 'song',
      label: 'Song',
      cell: (r) => h('span', null, r.title, r.artist ? h('span', { class: 'artist' }, r.artist) : null),
      sort: (r) => r.title,
      rowHeader: true,
    },
    { key: 'difficulty', label: 'Difficulty', cell: (r) => r.difficulty, sort: (r) => r.difficulty },
    { key: 'level', label: 'Level', cell: (r) => r.level, sort: (r) => r.levelNum, numeric: true },
    ...metrics.map(
      (m): Column<Row> => ({
        key: `metric:${m}`,
        label: label(m),
        cell: (r) => metricCell(r.score.scoreData[m]),
        // enum metrics (grade, lamp…) sort in the game's order, not alphabetically
        sort: (r) => {
          const value = r.score.scoreData[m];
          const index = r.score.scoreData.enumIndexes?.[m];
          if (typeof index === 'number') return index;
          return typeof value === 'number' || typeof value === 'string' ? value : null;
        },
        numeric: numeric(m),
      }),
    ),
    ...ratings.map(
      (name): Column<Row> => ({
        key: `rating:${name}`,
        label: name,
        cell: (r) => num(r.score.calculatedData[name]),
        sort: (r) => r.score.calculatedData[name] ?? null,
        numeric: true,
      }),
    ),
    { key: 'time', label: 'Achieved', cell: (r) => date(r.score.timeAchieved), sort: (r) => r.score.timeAchieved },
  ];
}

/** The scores by an enum metric (grade, lamp, …: whatever the game has), as bars in the game's order. */
function picture(rows: Row[]): HTMLElement | null {
  const enums = [...new Set(rows.flatMap((r) => Object.keys(r.score.scoreData.enumIndexes ?? {})))];
  if (enums.length === 0) return null;
  const initial = enums.includes('grade') ? 'grade' : enums[0];
  const holder = h('div', { class: 'chart-holder' });
  const caption = h('span');
  const draw = (metric: string) => {
    const byValue = new Map<string, { index: number; count: number }>();
    for (const r of rows) {
      const value = r.score.scoreData[metric];
      if (typeof value !== 'string') continue;
      const entry = byValue.get(value) ?? { index: r.score.scoreData.enumIndexes?.[metric] ?? 0, count: 0 };
      entry.count += 1;
      byValue.set(value, entry);
    }
    // the best first: higher enum indexes are better in every game
    const bars: Bar[] = [...byValue].sort((a, b) => b[1].index - a[1].index).map(([value, e]) => ({ label: value, count: e.count }));
    caption.textContent = `Scores by ${metric}`;
    replace(holder, barChart(`Scores of this import by ${metric}`, bars));
  };
  const selectID = uid('group-by');
  const picker =
    enums.length > 1
      ? h(
          'div',
          { class: 'field inline' },
          h('label', { for: selectID }, 'Group the scores by'),
          h(
            'select',
            { id: selectID, onchange: (e: Event) => draw((e.target as HTMLSelectElement).value) },
            enums.map((m) => h('option', { value: m, selected: m === initial }, m)),
          ),
        )
      : null;
  draw(initial);
  const id = uid('section');
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': id },
    h('h2', { id }, 'At a glance'),
    picker,
    h('figure', { class: 'chart-figure' }, h('figcaption', null, caption), holder),
  );
}

function sessionCard(session: SessionView, type: string | undefined, rows: Row[]): HTMLElement {
  const mine = new Map(rows.map((r) => [r.score.scoreID, r]));
  const own = session.scoreIDs.map((id) => mine.get(id)).filter((r): r is Row => r !== undefined && r.score.timeAchieved !== null);
  // the first numeric metric (e.g. the score) is plotted upwards
  const valueName = metricNames(own.map((r) => r.score)).find((m) => own.some((r) => typeof r.score.scoreData[m] === 'number')) ?? null;
  const points: TimelinePoint[] = own.map((r) => {
    const value = valueName ? r.score.scoreData[valueName] : null;
    return {
      time: r.score.timeAchieved!,
      value: typeof value === 'number' ? value : null,
      text: `${r.title} ${r.difficulty}: ${valueName && typeof value === 'number' ? num(value) : ''} at ${date(r.score.timeAchieved)}`,
    };
  });
  const ratings = Object.entries(session.calculatedData ?? {}).filter((e): e is [string, number] => e[1] !== null);
  const id = uid('session');
  return h(
    'article',
    { class: 'session', 'aria-labelledby': id },
    h('h3', { id }, session.name),
    h(
      'p',
      { class: 'session-facts' },
      h('span', { class: `badge ${type === 'Appended' ? 'appended' : 'created'}` }, type ?? 'Created'),
      ` ${date(session.timeStarted)} – ${date(session.timeEnded)} · ${plural(session.scoreIDs.length, 'score')}`,
      own.length !== session.scoreIDs.length ? ` (${num(own.length)} from this import)` : '',
      ratings.length ? ` · ${ratings.map(([k, v]) => `${k} ${num(v)}`).join(', ')}` : '',
    ),
    figure(`Timeline of ${session.name}`, timeline(`Timeline of the session ${session.name}`, session.timeStarted, session.timeEnded, points, valueName)),
  );
}

/** The revert button, if this token may revert this import; otherwise why not. */
async function revertArea(area: HTMLElement, detail: ImportDetail, onReverted: () => void): Promise<void> {
  if (area.dataset.state === 'reverted') return;
  const why = (text: string, ...extra: (Node | string)[]) => replace(area, h('p', { class: 'hint revert-why' }, text, ...extra));
  if (!getToken()) {
    const open = h('button', { type: 'button', class: 'link' }, 'add your API token');
    open.addEventListener('click', () => {
      const details = byID<HTMLDetailsElement>('token-details');
      details.open = true;
      byID('token').focus();
    });
    why('To revert this import, ', open, ' (its owner or an admin, with the delete_score permission).');
    return;
  }
  const who = await identity();
  if (!who.ok) return why(`Your token is not accepted, so you cannot revert this import: ${who.description}`);
  const { status } = who;
  if (status.whoami !== detail.import.userID && !status.isAdmin) return why('Only the owner of this import or an admin can revert it.');
  if (!status.permissions.includes('delete_score')) {
    return why('Your token lacks the delete_score permission, so it cannot revert this import.');
  }

  const button = h('button', { type: 'button', class: 'danger' }, 'Revert this import');
  const result = h('div', { class: 'revert-result', role: 'status', 'aria-live': 'polite' });
  const titleID = uid('dialog-title');
  const descID = uid('dialog-desc');
  const dialog = h(
    'dialog',
    { 'aria-labelledby': titleID, 'aria-describedby': descID, class: 'confirm' },
    h(
      'form',
      { method: 'dialog' },
      h('h2', { id: titleID }, 'Revert this import?'),
      h(
        'p',
        { id: descID },
        `Its ${plural(detail.import.scoreIDs.length, 'score')} will be deleted, and the personal bests, sessions and profile of ` +
          `${detail.user.username ?? 'its owner'} put back as they were before it. This cannot be undone.`,
      ),
      h('div', { class: 'row' }, h('button', { value: 'confirm', class: 'danger' }, 'Revert'), h('button', { value: 'cancel', autofocus: true }, 'Cancel')),
    ),
  );
  button.addEventListener('click', () => dialog.showModal());
  dialog.addEventListener('close', async () => {
    button.focus();
    if (dialog.returnValue !== 'confirm') return;
    dialog.returnValue = '';
    button.disabled = true;
    replace(result, h('p', null, 'Reverting…'));
    const { status: code, json } = await api<Record<string, never>>(`/api/v1/imports/${detail.import.importID}/revert`, { method: 'POST' });
    if (code === 200 && json.success) {
      area.dataset.state = 'reverted';
      button.remove();
      replace(
        result,
        h('p', { class: 'message good' }, `${json.description} ${removed(detail.import.scoreIDs.length)}`),
      );
      onReverted();
    } else {
      button.disabled = false;
      replace(result, h('p', { class: 'message bad' }, `The import was not reverted (${code}): ${json.description}`));
    }
  });
  replace(area, h('div', { class: 'row' }, button), dialog, result);
}

function removed(n: number): string {
  return n === 1 ? 'Its one score was removed.' : `Its ${plural(n, 'score')} were removed.`;
}
