import { getJson } from '../api.js';
import { el } from '../dom.js';
import { formatFromNow, formatNumber } from '../format.js';
import { StreamTable } from './stream-table.js';

// The stream job's section (GET /api/streams): what the job is doing, then a card per table with its rows so far, the
// rows that arrived in the last minute, its lag behind the stream, its rejected records and its newest rows. It
// refreshes itself every 2 s without reloading the page.

const RefreshMs = 2000;

const states = {
  Disabled: 'Off: the service has no Kafka broker (ConnectionStrings:kafka), or Analytics:Streams:Enabled is false.',
  Starting: 'Starting: reading its positions and the streams\u2019 shards.',
  Running: 'Running: each micro-batch is committed with the streams\u2019 positions, so a restart neither loses nor repeats a row.',
  Retrying: 'Failed, and starts again from the warehouse\u2019s positions',
  Stopped: 'Stopped.',
};

export class StreamsSection {
  constructor(root) {
    const slot = name => root.querySelector(`[data-slot="${name}"]`);
    this.state = slot('state');
    this.notice = slot('notice');
    this.container = slot('tables');
    this.tables = new Map();
    this.timer = null;
  }

  start() {
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden) {
        this.refresh();
      }
    });
    return this.refresh();
  }

  async refresh() {
    clearTimeout(this.timer);
    try {
      const streams = await getJson('api/streams');
      this.renderState(streams);
      this.say(streams.error ? `The stream job failed: ${streams.error}` : '', streams.error ? 'error' : 'info');
      for (const table of streams.tables) {
        this.tableFor(table.name).render(table);
      }
    } catch (error) {
      this.say(`${error.message}. The page keeps what it showed and tries again in ${RefreshMs / 1000} s.`, 'error');
    }
    this.timer = setTimeout(() => this.refresh(), RefreshMs);
  }

  renderState(streams) {
    const parts = [el('span', { class: `badge stream-state ${streams.state.toLowerCase()}`, dataset: { state: streams.state } }, streams.state), ' ', states[streams.state] ?? ''];
    if (streams.state === 'Retrying' && streams.retryAt) {
      parts.push(' ', el('time', { datetime: streams.retryAt, title: streams.retryAt }, formatFromNow(streams.retryAt)), '.');
    }
    if (streams.enabled) {
      parts.push(el('span', { class: 'batching' }, ` Micro-batches of up to ${formatNumber(streams.maxBatchRecords)} records or ${formatNumber(streams.maxBatchWaitMs)} ms.`));
    }
    this.state.replaceChildren(...parts);
  }

  tableFor(name) {
    let table = this.tables.get(name);
    if (!table) {
      table = new StreamTable(name);
      this.tables.set(name, table);
      this.container.append(table.article);
    }
    return table;
  }

  say(text, tone) {
    this.notice.textContent = text;
    this.notice.title = text;
    this.notice.dataset.tone = tone;
  }
}
