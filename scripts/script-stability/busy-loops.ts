/**
 * CPU load for the stability check: busy loops as child processes, so that the judge's own
 * process and its TUN agents compete for the cores as they do on a loaded machine. A loop that
 * outlived the check would burn a core until someone noticed, so every way out of the check —
 * a normal end, a thrown error, Ctrl-C, a kill — stops them.
 */
import { spawn, type ChildProcess } from 'node:child_process';

/** Signals that end the check early; each stops the loops, then exits as the signal would. */
const ENDING_SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

export class BusyLoops {
  private readonly children: ChildProcess[];
  private readonly onExit = (): void => this.stop();
  private readonly onSignal = (signal: keyof typeof ENDING_SIGNALS): void => {
    this.stop();
    process.exit(ENDING_SIGNALS[signal]);
  };

  /** Start `count` loops. */
  constructor(count: number) {
    this.children = Array.from({ length: count }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
    process.on('exit', this.onExit);
    for (const signal of Object.keys(ENDING_SIGNALS) as (keyof typeof ENDING_SIGNALS)[]) process.on(signal, this.onSignal);
  }

  /** Kill every loop still running (synchronous, so that it works in an exit handler). */
  stop(): void {
    for (const child of this.children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    process.off('exit', this.onExit);
    for (const signal of Object.keys(ENDING_SIGNALS) as (keyof typeof ENDING_SIGNALS)[]) process.off(signal, this.onSignal);
  }
}
