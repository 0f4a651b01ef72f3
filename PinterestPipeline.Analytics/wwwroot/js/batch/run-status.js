import { el } from '../dom.js';
import { formatDuration } from '../format.js';

// What the latest-run card and the history share: the status badge, and how long a run took (or has taken so far).

export function statusBadge(status) {
  return el('span', { class: `badge ${status.toLowerCase()}`, dataset: { status } }, status);
}

export function durationOf(run, now = Date.now()) {
  const end = run.endedAt ? new Date(run.endedAt).getTime() : now;
  return formatDuration(end - new Date(run.startedAt).getTime());
}

const triggers = { Manual: 'run now', Schedule: 'schedule', Startup: 'at start-up', Retry: 'retry' };

export function triggerText(run) {
  const text = triggers[run.trigger] ?? run.trigger;
  return run.trigger === 'Retry' && run.retryOf ? `${text} of #${run.retryOf}` : text;
}
