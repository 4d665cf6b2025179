/**
 * Two small pictures as inline SVG (no chart library): a bar chart of counts, and a session's
 * timeline. Each is a role="img" with a text alternative that says what the picture shows.
 * Colours come from the stylesheet (light and dark).
 */
import { h, s, uid } from './dom.ts';
import { num, time } from './format.ts';

export interface Bar {
  label: string;
  count: number;
}

/**
 * Drawn at the size it is shown (a phone gets a narrower drawing rather than a scaled-down one,
 * so that its text stays readable); CSS only shrinks it further when needed.
 */
function compact(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(max-width: 40rem)').matches;
}

/** Horizontal bars, one per label, in the order given. */
export function barChart(title: string, bars: Bar[]): SVGSVGElement {
  const row = 26;
  const width = compact() ? 340 : 520;
  // room for the longest label at about 7.5 px a character
  const labelWidth = Math.min(width / 2, 16 + 7.5 * Math.max(4, ...bars.map((b) => b.label.length)));
  const barSpace = width - labelWidth - 50;
  const height = Math.max(1, bars.length) * row + 4;
  const max = Math.max(1, ...bars.map((b) => b.count));
  const titleID = uid('chart-title');
  const descID = uid('chart-desc');
  return s(
    'svg',
    {
      class: 'chart bar-chart',
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: 'img',
      'aria-labelledby': `${titleID} ${descID}`,
    },
    s('title', { id: titleID }, title),
    s('desc', { id: descID }, bars.map((b) => `${b.label}: ${b.count}`).join(', ')),
    bars.map((b, i) => {
      const y = i * row + 2;
      const w = b.count === 0 ? 0 : Math.max(2, (b.count / max) * barSpace);
      return s(
        'g',
        { class: 'bar', 'data-label': b.label },
        s('text', { x: labelWidth - 8, y: y + row / 2, 'text-anchor': 'end', 'dominant-baseline': 'middle', class: 'chart-label' }, b.label),
        s('rect', { x: labelWidth, y: y + 3, width: w, height: row - 8, rx: 3, class: 'chart-bar' }),
        s('text', { x: labelWidth + w + 6, y: y + row / 2, 'dominant-baseline': 'middle', class: 'chart-value' }, num(b.count)),
      );
    }),
  );
}

export interface TimelinePoint {
  time: number;
  /** the value plotted upwards (e.g. the score); null puts the point on the axis */
  value: number | null;
  /** what the point's tooltip says */
  text: string;
}

/**
 * A session from its start to its end: each score a dot at the time it was achieved, higher for a
 * higher value.
 */
export function timeline(title: string, start: number, end: number, points: TimelinePoint[], valueName: string | null): SVGSVGElement {
  const width = compact() ? 340 : 600;
  const height = 130;
  const left = 16;
  const right = width - 16;
  const top = 14;
  const axis = height - 34;
  const span = Math.max(1, end - start);
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const x = (t: number) => left + ((t - start) / span) * (right - left);
  const y = (v: number | null) => (v === null ? axis : hi === lo ? (top + axis) / 2 : axis - 8 - ((v - lo) / (hi - lo)) * (axis - 8 - top));
  const titleID = uid('timeline-title');
  const descID = uid('timeline-desc');
  const summary =
    `${points.length} score${points.length === 1 ? '' : 's'} from ${time(start)} to ${time(end)}` +
    (valueName && values.length ? `; ${valueName} from ${num(lo)} to ${num(hi)}` : '');
  return s(
    'svg',
    { class: 'chart timeline', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-labelledby': `${titleID} ${descID}` },
    s('title', { id: titleID }, title),
    s('desc', { id: descID }, summary),
    s('line', { x1: left, x2: right, y1: axis, y2: axis, class: 'chart-axis' }),
    s('rect', { x: left, y: top - 6, width: right - left, height: axis - top + 6, class: 'chart-span', rx: 4 }),
    points.map((p) => s('circle', { cx: x(p.time), cy: y(p.value), r: 5, class: 'chart-dot' }, s('title', null, p.text))),
    valueName && values.length ? s('text', { x: left + 4, y: top + 6, class: 'chart-label chart-note' }, `↑ ${valueName}`) : null,
    s('text', { x: left, y: height - 12, class: 'chart-label' }, time(start)),
    s('text', { x: right, y: height - 12, 'text-anchor': 'end', class: 'chart-label' }, time(end)),
  );
}

/** A figure around a chart, with its caption. */
export function figure(caption: string, chart: Element, ...extra: Element[]): HTMLElement {
  return h('figure', { class: 'chart-figure' }, h('figcaption', null, caption), ...extra, chart);
}
