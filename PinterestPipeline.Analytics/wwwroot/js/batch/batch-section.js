import { getJson, post } from '../api.js';
import { el } from '../dom.js';
import { formatFromNow, formatTime } from '../format.js';
import { Answers } from './answers.js';
import { LatestRun } from './latest-run.js';
import { RunHistory } from './run-history.js';

// The batch job's section: the schedule, "Run now", the latest run, the answers of the latest succeeded run and the
// run history. It refreshes itself every second while a run is in progress, else every 10 s, and just after the next
// scheduled run or retry is due.

const BusyRefreshMs = 1000;
const IdleRefreshMs = 10_000;

export class BatchSection {
  constructor(root) {
    const slot = name => root.querySelector(`[data-slot="${name}"]`);
    this.schedule = slot('schedule');
    this.notice = slot('notice');
    this.button = slot('run-now');
    this.latest = new LatestRun(slot('latest'));
    this.answers = new Answers(slot('answers'), slot('answers-of'));
    this.history = new RunHistory(slot('history'));
    this.timer = null;
    this.loading = null;
    this.again = false;
    this.watchedRunId = null;
    this.unreachable = false;
  }

  async start() {
    this.button.addEventListener('click', () => this.runNow());
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden) {
        this.refresh();
      }
    });
    try {
      this.answers.prepare(await getJson('api/batch/queries'));
    } catch (error) {
      this.unreachable = true;
      this.say(error.message, 'error', 'connection');
    }
    await this.refresh();
  }

  /** Loads and renders everything once; a call while a load is under way makes one more load after it. */
  refresh() {
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    clearTimeout(this.timer);
    this.loading = this.load().finally(() => {
      this.loading = null;
      if (this.again) {
        this.again = false;
        this.refresh();
      }
    });
    return this.loading;
  }

  async load() {
    let delay = IdleRefreshMs;
    try {
      const [status, runs] = await Promise.all([getJson('api/batch'), getJson('api/batch/runs')]);
      delay = nextRefreshMs(status, runs);
      if (this.unreachable) {
        // The service answers again: the notice that said it did not goes, unless something newer replaced it.
        this.unreachable = false;
        if (this.notice.dataset.about === 'connection') {
          this.say('', 'info');
        }
      }
      this.renderSchedule(status);
      this.latest.render(runs[0] ?? null);
      this.history.render(runs);
      await this.renderAnswers(runs);
      this.reportWatchedRun(runs);
    } catch (error) {
      this.unreachable = true;
      this.say(`${error.message}. The page keeps what it showed and tries again in ${IdleRefreshMs / 1000} s.`, 'error', 'connection');
    }
    this.timer = setTimeout(() => this.refresh(), delay);
  }

  renderSchedule(status) {
    const parts = [el('span', {}, 'Schedule '), el('code', {}, status.schedule), ' (cron, UTC)'];
    if (status.nextRunAt) {
      parts.push(' · next run ', el('time', { datetime: status.nextRunAt, title: status.nextRunAt }, formatTime(status.nextRunAt)),
        ` (${formatFromNow(status.nextRunAt)})`);
    }
    if (status.retryAt) {
      parts.push(' · a failed run is retried ', el('time', { datetime: status.retryAt, title: status.retryAt }, formatFromNow(status.retryAt)));
    }
    this.schedule.replaceChildren(...parts);
  }

  // The latest succeeded run is taken from the same list as the history, so the two always agree.
  async renderAnswers(runs) {
    const latestId = runs.find(run => run.status === 'Succeeded')?.id;
    if (latestId === undefined) {
      const running = runs.find(run => run.status === 'Running');
      this.answers.showNone(runs.length === 0
        ? 'No run yet: the answers appear here once a run has succeeded.'
        : running
          ? `No succeeded run yet: run #${running.id} is in progress.`
          : 'No succeeded run yet: see the run history for why, then press Run now.');
      return;
    }
    if (latestId !== this.answers.shownRunId) {
      const run = await getJson(`api/batch/runs/${latestId}`);
      this.answers.show(run);
    }
  }

  async runNow() {
    this.button.disabled = true;
    try {
      const { status, body, error } = await post('api/batch/runs');
      if (status === 202) {
        this.watchedRunId = body.id;
        this.say(`Run #${body.id} started. It shows below until it ends.`, 'info');
      } else if (status === 409) {
        this.watchedRunId = body?.runningRunId ?? null;
        this.say(`Already running: run #${body?.runningRunId} is in progress, and the job runs one at a time. Press Run now again once it has ended.`, 'warn');
      } else {
        this.say(`Could not start a run: ${error.message}`, 'error');
      }
    } catch (error) {
      this.say(`Could not start a run: ${error.message}`, 'error');
    } finally {
      this.button.disabled = false;
    }
    await this.refresh();
  }

  /** Once the run that Run now started (or found running) ends, says how it went. */
  reportWatchedRun(runs) {
    const run = this.watchedRunId == null ? null : runs.find(r => r.id === this.watchedRunId);
    if (!run || run.status === 'Running') {
      return;
    }
    this.watchedRunId = null;
    this.say(run.status === 'Succeeded'
      ? `Run #${run.id} succeeded: the answers below are its own.`
      : `Run #${run.id} failed: ${run.error ?? 'no reason recorded'}`, run.status === 'Succeeded' ? 'ok' : 'error');
  }

  say(text, tone, about = 'run') {
    this.notice.textContent = text;
    this.notice.title = text;
    this.notice.dataset.tone = tone;
    this.notice.dataset.about = about;
  }
}

function nextRefreshMs(status, runs) {
  if (runs.some(run => run.status === 'Running')) {
    return BusyRefreshMs;
  }
  const due = [status.nextRunAt, status.retryAt]
    .filter(Boolean)
    .map(time => new Date(time).getTime() - Date.now() + 500)
    .filter(ms => ms > 0);
  return Math.min(IdleRefreshMs, ...due);
}
