/**
 * A sortable table: each column heading is a button (keyboard and screen readers get it for free),
 * the sorted column carries aria-sort, and a click on it again reverses the order. Missing values
 * sort last either way.
 */
import { h, replace, uid } from './dom.ts';

export type Cell = Node | string | number | null;
export type SortKey = number | string | null;

export interface Column<R> {
  key: string;
  label: string;
  /** what the cell shows */
  cell(row: R): Cell;
  /** what it sorts by; columns without one cannot be sorted */
  sort?(row: R): SortKey;
  numeric?: boolean;
  /** the row's heading cell (<th scope="row">) */
  rowHeader?: boolean;
}

function compare(a: SortKey, b: SortKey): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

export function sortableTable<R>(
  caption: string,
  columns: Column<R>[],
  rows: R[],
  options: { initial?: { key: string; direction: 'ascending' | 'descending' }; empty?: string; className?: string } = {},
): HTMLElement {
  let sortKey = options.initial?.key ?? null;
  let direction: 'ascending' | 'descending' = options.initial?.direction ?? 'ascending';
  const tbody = h('tbody');
  const headers = new Map<string, HTMLTableCellElement>();
  const captionID = uid('caption');

  const render = () => {
    const column = columns.find((c) => c.key === sortKey);
    const sorted = [...rows];
    if (column?.sort) {
      const get = column.sort;
      sorted.sort((x, y) => {
        const a = get(x);
        const b = get(y);
        if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
        return direction === 'ascending' ? compare(a, b) : compare(b, a);
      });
    }
    replace(
      tbody,
      sorted.length === 0
        ? h('tr', null, h('td', { colspan: columns.length, class: 'empty' }, options.empty ?? 'Nothing here.'))
        : sorted.map((row) =>
            h(
              'tr',
              null,
              columns.map((c) => h(c.rowHeader ? 'th' : 'td', { class: c.numeric ? 'num' : null, scope: c.rowHeader ? 'row' : null }, c.cell(row))),
            ),
          ),
    );
    for (const [key, th] of headers) {
      if (key === sortKey) th.setAttribute('aria-sort', direction);
      else th.removeAttribute('aria-sort');
    }
  };

  const head = h(
    'tr',
    null,
    columns.map((c) => {
      const th = h('th', { scope: 'col', class: c.numeric ? 'num' : null });
      if (c.sort) {
        headers.set(c.key, th);
        th.append(
          h(
            'button',
            {
              type: 'button',
              class: 'sort',
              'data-column': c.key,
              onclick: () => {
                direction = sortKey === c.key && direction === 'ascending' ? 'descending' : 'ascending';
                sortKey = c.key;
                render();
              },
            },
            c.label,
            h('span', { class: 'sort-icon', 'aria-hidden': 'true' }),
          ),
        );
      } else {
        th.textContent = c.label;
      }
      return th;
    }),
  );
  render();
  // a focusable scrolling region, so that a wide table scrolls by keyboard on a narrow screen
  return h(
    'div',
    { class: `table-wrap ${options.className ?? ''}`.trim(), role: 'region', 'aria-labelledby': captionID, tabindex: 0 },
    h(
      'table',
      null,
      h('caption', { id: captionID }, caption, columns.some((c) => c.sort) ? h('span', { class: 'visually-hidden' }, ' (column headings sort the table)') : null),
      h('thead', null, head),
      tbody,
    ),
  );
}
