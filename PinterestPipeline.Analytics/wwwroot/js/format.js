// How the page writes numbers, times and durations: in the reader's locale, counts grouped, medians to two decimals,
// years as they are.

const integers = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const decimals = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const seconds1 = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const seconds2 = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatNumber(value) {
  return Number.isInteger(value) ? integers.format(value) : decimals.format(value);
}

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

/** An axis tick: 2.5M, 800K, 40 (short, so ticks never overlap). */
export function formatTick(value) {
  return compact.format(value);
}

/** A year, or a column named like one, is an identifier: 2019, not 2,019. */
export function isYearColumn(column) {
  return column === 'year' || column.endsWith('_year');
}

export function formatCell(column, value) {
  if (typeof value === 'number' && !isYearColumn(column)) {
    return formatNumber(value);
  }
  return String(value);
}

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** Local time as yyyy-MM-dd HH:mm:ss (sortable, unambiguous); the exact UTC instant goes in a title. */
export function formatTime(iso) {
  const t = new Date(iso);
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())} ${pad(t.getHours())}:${pad(t.getMinutes())}:${pad(t.getSeconds())}`;
}

export function formatDuration(milliseconds) {
  const ms = Math.max(0, milliseconds);
  if (ms < 10_000) {
    return `${(ms < 1000 ? seconds2 : seconds1).format(ms / 1000)} s`;
  }
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) {
    return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${pad(seconds % 60)} s`;
  }
  return `${Math.floor(seconds / 3600)} h ${pad(Math.floor(seconds / 60) % 60)} min`;
}

/** "in 3 h 12 min" / "5 s ago", for times near now. */
export function formatFromNow(iso, now = Date.now()) {
  const delta = new Date(iso).getTime() - now;
  return delta >= 0 ? `in ${formatDuration(delta)}` : `${formatDuration(-delta)} ago`;
}
