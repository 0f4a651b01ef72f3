import { el } from '../dom.js';
import { formatNumber, formatTime } from '../format.js';
import { durationOf, statusBadge, triggerText } from './run-status.js';

// The newest run, whatever its status: what it read, what it rejected, and the tables' sizes once it has succeeded.
// Its counts grow while it runs (each commit records them).

export class LatestRun {
  constructor(container) {
    this.container = container;
  }

  render(run) {
    if (!run) {
      this.container.replaceChildren(el('p', { class: 'empty' }, 'No run yet. Press Run now, or wait for the schedule.'));
      return;
    }
    const succeeded = run.status === 'Succeeded';
    const rows = (table, added) => el('span', {},
      succeeded ? formatNumber(run.rows[table]) : '—',
      el('small', { class: 'added', title: 'new distinct rows this run wrote' }, ` +${formatNumber(added)}`));
    this.container.replaceChildren(
      el('p', { class: 'run-line', dataset: { runId: run.id } },
        statusBadge(run.status),
        el('strong', {}, ` Run #${run.id}`),
        ` · ${triggerText(run)} · started `,
        el('time', { datetime: run.startedAt, title: run.startedAt }, formatTime(run.startedAt)),
        ` · ${run.endedAt ? 'took' : 'running for'} ${durationOf(run)}`),
      el('dl', { class: 'counts' },
        count('objects', 'Objects read', formatNumber(run.objectsRead)),
        count('records', 'Records read', formatNumber(run.recordsRead)),
        count('rejected', 'Rejected records', formatNumber(run.rejectedRecords), run.rejectedRecords > 0 ? 'warn' : null),
        count('pin', 'Rows in pin', rows('pin', run.rowsAdded.pin)),
        count('geo', 'Rows in geo', rows('geo', run.rowsAdded.geo)),
        count('user', 'Rows in user', rows('user', run.rowsAdded.user))),
      run.error ? el('p', { class: 'error-text', title: run.error }, el('strong', {}, 'Why it failed: '), run.error) : '');
  }
}

function count(name, term, value, tone = null) {
  return el('div', { class: tone ? `count ${tone}` : 'count', dataset: { count: name } }, el('dt', {}, term), el('dd', {}, value));
}
