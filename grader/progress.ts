/**
 * Progress with an estimate of the time left, on stderr, for the commands that run for minutes
 * (grading, check:milestone). stdout is left alone: tests and scripts read it.
 *
 * On a terminal a bar is redrawn in place (cli-progress). Elsewhere — a CI log, a test reading
 * stderr — a redrawn bar would be noise, so each finished step is one plain line instead.
 */
import { Presets, SingleBar } from 'cli-progress';

export interface Progress {
  /** `count` steps finished; `label` names what finished. */
  step(label: string, count?: number): void;
  /** Run `write` (which prints) with the bar out of its way: on a terminal the bar is drawn again after. */
  aside(write: () => void): void;
  /** The end: the bar is cleared. */
  stop(): void;
}

export interface ProgressOptions {
  /** What is in progress: `grading`, `m1-udp`. */
  readonly title: string;
  /** What a step is, in the plural: `test files`, `jest runs`. */
  readonly unit: string;
  readonly total: number;
  /** False for `--no-progress`: nothing is shown. */
  readonly enabled: boolean;
}

/** Start showing progress: a bar on a terminal, lines elsewhere, nothing when disabled or there is nothing to do. */
export function startProgress(options: ProgressOptions): Progress {
  if (!options.enabled || options.total === 0) return NO_PROGRESS;
  return process.stderr.isTTY ? new BarProgress(options) : new LineProgress(options);
}

/** Progress that shows nothing. */
export const NO_PROGRESS: Progress = { step: () => {}, aside: (write) => write(), stop: () => {} };

class BarProgress implements Progress {
  private readonly bar: SingleBar;
  private done = 0;

  constructor(private readonly options: ProgressOptions) {
    this.bar = new SingleBar(
      {
        stream: process.stderr,
        format: `${options.title} {bar} {value}/{total} ${options.unit} | ETA {eta_formatted} | {label}`,
        clearOnComplete: true,
        hideCursor: true,
        gracefulExit: true,
      },
      Presets.shades_classic,
    );
    this.bar.start(options.total, 0, { label: '' });
  }

  step(label: string, count = 1): void {
    this.done += count;
    this.bar.update(this.done, { label });
  }

  aside(write: () => void): void {
    this.bar.stop();
    write();
    // A restart also restarts the estimate, from the steps still to come.
    if (this.done < this.options.total) this.bar.start(this.options.total, this.done, { label: '' });
  }

  stop(): void {
    this.bar.stop();
  }
}

class LineProgress implements Progress {
  private readonly started = Date.now();
  private done = 0;

  constructor(private readonly options: ProgressOptions) {}

  step(label: string, count = 1): void {
    this.done += count;
    const { title, unit, total } = this.options;
    const elapsedMs = Date.now() - this.started;
    const leftMs = (elapsedMs / this.done) * (total - this.done);
    process.stderr.write(`${title}: ${this.done}/${total} ${unit}, ${duration(elapsedMs)} so far, about ${duration(leftMs)} left: ${label}\n`);
  }

  aside(write: () => void): void {
    write();
  }

  stop(): void {}
}

/** `42 s`, `3 min 05 s`. */
function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}
