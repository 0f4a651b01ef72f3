import { drawBars } from '../charts.js';

// How each question's answer is drawn: one bar per group (x) of its count or median (y), with what won the group
// (note) under the group's name; question 8 has a bar per age group (series) in each joining year. Countries are
// many, so their bars lie horizontally and only the largest MaxBars are drawn (the table has every row).

export const MaxBars = 15;

const specs = {
  '1': { x: 'country', y: 'category_count', note: 'category', horizontal: true },
  '2': { x: 'post_year', y: 'category_count', note: 'category' },
  '3a': { x: 'country', y: 'follower_count', note: 'poster_name', horizontal: true },
  '3b': { x: 'country', y: 'follower_count', horizontal: true },
  '4': { x: 'age_group', y: 'category_count', note: 'category' },
  '5': { x: 'age_group', y: 'median_follower_count' },
  '6': { x: 'post_year', y: 'number_users_joined' },
  '7': { x: 'post_year', y: 'median_follower_count' },
  '8': { x: 'post_year', y: 'median_follower_count', series: 'age_group' },
};

/** A question the page does not know yet is drawn by its first column against its last. */
function specOf(answer) {
  return specs[answer.id] ?? { x: answer.columns[0], y: answer.columns[answer.columns.length - 1] };
}

const words = column => column.replaceAll('_', ' ');

/** Draws the answer's chart; returns the caption that says what is drawn. */
export function drawAnswer(canvas, answer) {
  const spec = specOf(answer);
  const rows = answer.rows;
  if (spec.series) {
    const groups = [...new Set(rows.map(row => row[spec.x]))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const series = [...new Set(rows.map(row => row[spec.series]))];
    drawBars(canvas, {
      labels: groups.map(String),
      datasets: series.map(name => ({
        label: `${words(spec.series)} ${name}`,
        values: groups.map(group => rows.find(row => row[spec.x] === group && row[spec.series] === name)?.[spec.y] ?? null),
      })),
      valueTitle: words(spec.y),
    });
    return `${words(spec.y)} by ${words(spec.x)}, one bar per ${words(spec.series)}`;
  }

  const drawn = rows.length > MaxBars
    ? [...rows].sort((a, b) => b[spec.y] - a[spec.y] || String(a[spec.x]).localeCompare(String(b[spec.x]))).slice(0, MaxBars)
    : rows;
  const notes = spec.note ? drawn.map(row => `${words(spec.note)}: ${row[spec.note]}`) : null;
  const label = row => {
    const group = String(row[spec.x]);
    if (!spec.note) {
      return group;
    }
    return spec.horizontal ? `${group} · ${row[spec.note]}` : [group, String(row[spec.note])];
  };
  drawBars(canvas, {
    labels: drawn.map(label),
    datasets: [{ label: words(spec.y), values: drawn.map(row => row[spec.y]) }],
    horizontal: spec.horizontal,
    valueTitle: words(spec.y),
    notes,
  });
  const by = `${words(spec.y)} by ${words(spec.x)}${spec.note ? ` (with its ${words(spec.note)})` : ''}`;
  return drawn.length < rows.length ? `The ${drawn.length} largest of ${rows.length} rows: ${by}` : by;
}
