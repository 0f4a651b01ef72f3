import { el } from '../dom.js';
import { formatCell, formatTime, isYearColumn } from '../format.js';
import { drawAnswer } from './answer-chart.js';

// The nine answers of the latest succeeded run: per question a card with the rows as a table and as a chart. The cards
// are laid out from GET /api/batch/queries before any answer arrives, and keep their size when answers change.

export class Answers {
  constructor(container, caption) {
    this.container = container;
    this.caption = caption;
    this.cards = new Map();
    this.shownRunId = null;
  }

  /** Lays out one empty card per question, in the course's order. */
  prepare(queries) {
    for (const query of queries) {
      this.cardFor(query);
    }
  }

  /** Says in every card why there is no answer (no run yet, none succeeded yet). */
  showNone(reason) {
    this.shownRunId = null;
    this.caption.textContent = reason;
    for (const card of this.cards.values()) {
      card.article.dataset.state = 'none';
      card.count.textContent = '';
      card.csv.removeAttribute('href');
      card.body.replaceChildren(placeholderRow(card.columns.length, reason));
      this.clearChart(card, reason);
    }
  }

  /** Renders a succeeded run's answers (GET /api/batch/runs/{id}: its queries with their rows). */
  show(run) {
    this.shownRunId = run.id;
    this.caption.replaceChildren(
      'From run ', el('strong', {}, `#${run.id}`), ', which succeeded at ',
      el('time', { datetime: run.endedAt, title: run.endedAt }, formatTime(run.endedAt)),
      ': the latest that did.');
    const warehouseEmpty = run.rows.pin === 0 && run.rows.geo === 0 && run.rows.user === 0;
    const noRows = warehouseEmpty
      ? 'No rows: the warehouse is empty, as the bucket had no record when this run read it. Run again once the sink has written some.'
      : 'No rows: no record in the warehouse falls under this question yet.';
    for (const answer of run.queries) {
      this.render(this.cardFor(answer), run.id, answer, noRows);
    }
  }

  render(card, runId, answer, noRows) {
    const rows = answer.rows;
    card.article.dataset.state = rows.length === 0 ? 'empty' : 'rows';
    card.count.textContent = rows.length === 1 ? '1 row' : `${rows.length} rows`;
    card.csv.href = `api/batch/runs/${runId}/queries/${encodeURIComponent(answer.id)}?format=csv`;
    const numeric = answer.columns.map(column => !isYearColumn(column) && rows.some(row => typeof row[column] === 'number'));
    card.head.replaceChildren(el('tr', {}, answer.columns.map((column, i) => el('th', { scope: 'col', class: numeric[i] ? 'num' : null }, column))));
    card.columns = answer.columns;
    if (rows.length === 0) {
      card.body.replaceChildren(placeholderRow(answer.columns.length, noRows));
      this.clearChart(card, noRows);
      return;
    }
    card.body.replaceChildren(...rows.map(row => el('tr', {}, answer.columns.map((column, i) =>
      row[column] === null
        ? el('td', { class: 'null' }, 'null')
        : el('td', { class: numeric[i] ? 'num' : null }, formatCell(column, row[column]))))));
    card.canvas.hidden = false;
    card.chartEmpty.hidden = true;
    card.figcaption.textContent = drawAnswer(card.canvas, answer);
    card.figcaption.title = card.figcaption.textContent;
  }

  clearChart(card, message) {
    window.Chart?.getChart(card.canvas)?.destroy();
    card.canvas.hidden = true;
    card.chartEmpty.hidden = false;
    card.chartEmpty.textContent = message;
    card.figcaption.textContent = '';
    card.figcaption.removeAttribute('title');
  }

  cardFor(query) {
    const existing = this.cards.get(query.id);
    if (existing) {
      return existing;
    }
    const titleId = `answer-${query.id}`;
    const card = {
      columns: query.columns,
      count: el('span', { class: 'muted row-count' }),
      csv: el('a', { class: 'csv', title: 'These rows as CSV' }, 'CSV'),
      head: el('thead', {}, el('tr', {}, query.columns.map(column => el('th', { scope: 'col' }, column)))),
      body: el('tbody', {}, placeholderRow(query.columns.length, 'Loading…')),
      canvas: el('canvas', { role: 'img', 'aria-label': `Chart of the answer to question ${query.id}`, hidden: true }),
      chartEmpty: el('p', { class: 'empty' }, 'Loading…'),
      figcaption: el('figcaption', { class: 'muted' }),
    };
    card.article = el('article', { class: 'card answer', id: `question-${query.id}`, 'aria-labelledby': titleId, dataset: { query: query.id, state: 'none' } },
      el('header', { class: 'answer-head' },
        el('span', { class: 'qid', 'aria-hidden': 'true' }, query.id),
        el('h4', { id: titleId }, el('span', { class: 'visually-hidden' }, `Question ${query.id}: `), query.question),
        card.count,
        card.csv),
      el('div', { class: 'table-scroll answer-table' }, el('table', { class: 'data' }, card.head, card.body)),
      el('figure', { class: 'chart' }, el('div', { class: 'chart-box' }, card.canvas, card.chartEmpty), card.figcaption));
    this.cards.set(query.id, card);
    this.container.append(card.article);
    return card;
  }
}

function placeholderRow(columns, text) {
  return el('tr', { class: 'placeholder' }, el('td', { colspan: Math.max(1, columns) }, text));
}
