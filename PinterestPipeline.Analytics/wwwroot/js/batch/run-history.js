import { el } from '../dom.js';
import { formatNumber, formatTime } from '../format.js';
import { durationOf, statusBadge, triggerText } from './run-status.js';

// Every run, newest first (GET /api/batch/runs).

export class RunHistory {
  constructor(body) {
    this.body = body;
  }

  render(runs) {
    if (runs.length === 0) {
      this.body.replaceChildren(el('tr', { class: 'placeholder' }, el('td', { colspan: 10 }, 'No run yet.')));
      return;
    }
    this.body.replaceChildren(...runs.map(run => el('tr', { dataset: { runId: run.id, status: run.status } },
      el('th', { scope: 'row' }, `#${run.id}`),
      el('td', {}, triggerText(run)),
      el('td', {}, statusBadge(run.status)),
      el('td', {}, el('time', { datetime: run.startedAt, title: run.startedAt }, formatTime(run.startedAt))),
      el('td', { class: 'num' }, durationOf(run)),
      el('td', { class: 'num' }, formatNumber(run.objectsRead)),
      el('td', { class: 'num' }, formatNumber(run.recordsRead)),
      el('td', { class: 'num' }, formatNumber(run.rejectedRecords)),
      el('td', { class: 'num' }, [run.rowsAdded.pin, run.rowsAdded.geo, run.rowsAdded.user].map(formatNumber).join(' / ')),
      el('td', { class: 'error-cell', title: run.error ?? '' }, run.error ?? ''))));
  }
}
