import { el } from '../dom.js';
import { formatCell, formatNumber, formatTime } from '../format.js';

// One stream table's card: its counts, its shards and its newest rows (newest first), in the table's own columns.

export class StreamTable {
  constructor(name) {
    const titleId = `stream-${name}`;
    this.title = el('span', { class: 'muted stream-name' });
    this.counts = el('dl', { class: 'counts stream-counts' });
    this.shards = el('p', { class: 'muted shards' });
    this.head = el('thead');
    this.body = el('tbody', {}, placeholderRow(1, 'Loading…'));
    this.article = el('article', { class: 'card stream-table', 'aria-labelledby': titleId, dataset: { table: name } },
      el('header', { class: 'answer-head' }, el('h3', { id: titleId }, name), this.title),
      this.counts,
      this.shards,
      el('h4', {}, 'Last rows cleaned'),
      el('div', { class: 'table-scroll stream-rows' }, el('table', { class: 'data' }, this.head, this.body)));
  }

  render(table) {
    this.title.textContent = `from ${table.stream}`;
    this.counts.replaceChildren(
      count('rows', 'Rows', formatNumber(table.rows)),
      count('last-minute', 'Rows in the last minute', formatNumber(table.rowsLastMinute)),
      count('lag', 'Lag (records)', table.lag === null ? '—' : formatNumber(table.lag), table.lag > 0 ? 'warn' : null),
      count('rejected', 'Rejected records', formatNumber(table.rejected), table.rejected > 0 ? 'warn' : null));
    this.shards.replaceChildren(...shardLine(table));
    const numeric = table.columns.map(column => table.lastRows.some(row => typeof row[column] === 'number'));
    this.head.replaceChildren(el('tr', {}, table.columns.map((column, i) => el('th', { scope: 'col', class: numeric[i] ? 'num' : null }, column))));
    if (table.lastRows.length === 0) {
      this.body.replaceChildren(placeholderRow(table.columns.length, 'No rows yet: they appear here as the stream\u2019s records are cleaned.'));
      return;
    }
    this.body.replaceChildren(...table.lastRows.map(row => el('tr', {}, table.columns.map(column => cell(column, row[column])))));
  }
}

function shardLine(table) {
  if (table.shards.length === 0) {
    return [`The stream ${table.stream} is not on the broker yet.`];
  }
  const parts = table.shards.map(shard => el('span', { class: 'shard', dataset: { shard: shard.shardId } },
    `${shard.shardId}: ${formatNumber(shard.committed)} of ${shard.latest === null ? '?' : formatNumber(shard.latest)} records`));
  const last = table.lastCommitAt;
  return [...parts.flatMap((part, i) => i === 0 ? [part] : [' · ', part]),
    last ? [' · last commit ', el('time', { datetime: last, title: last }, formatTime(last))] : []].flat();
}

function cell(column, value) {
  if (value === null) {
    return el('td', { class: 'null' }, 'null');
  }
  if (Array.isArray(value)) {
    return el('td', {}, `[${value.map(v => v === null ? 'null' : String(v)).join(', ')}]`);
  }
  // ind is the source row's key, an identifier: 7528, not 7,528.
  return el('td', { class: typeof value === 'number' ? 'num' : null }, column === 'ind' ? String(value) : formatCell(column, value));
}

function count(name, term, value, tone = null) {
  return el('div', { class: tone ? `count ${tone}` : 'count', dataset: { count: name } }, el('dt', {}, term), el('dd', {}, value));
}

function placeholderRow(columns, text) {
  return el('tr', { class: 'placeholder' }, el('td', { colspan: Math.max(1, columns) }, text));
}
