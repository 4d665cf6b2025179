/** Numbers, dates and names as a person reads them (the browser's locale). */

const numbers = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });
const dates = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const times = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

export function num(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : numbers.format(value);
}

export function date(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '—' : dates.format(new Date(ms));
}

export function time(ms: number): string {
  return times.format(new Date(ms));
}

export function duration(ms: number): string {
  if (ms < 1_000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  const minutes = Math.round(ms / 60_000);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** "1 score", "2 scores". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${num(n)} ${n === 1 ? word : many}`;
}

/** A metric's name as a column heading: "score" → "Score", "VF6" stays. */
export function label(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

export function shortID(id: string): string {
  return id.slice(0, 12);
}
