/**
 * One blocking call's sleeps on its host. The first sleep starts watching the kernel's counters,
 * so that a deadlock names what the kernel dropped since the call began waiting.
 */
import { DeadlockError } from '../sim/errors';
import type { Host } from '../sim/host';
import { DropWatch } from '../sim/kernel-drops';

export class Wait {
  private watch: Promise<DropWatch | undefined> | undefined;

  constructor(
    private readonly host: Host,
    /** The call, as a deadlock names it: `recv(fd 3, 100)`. */
    private readonly description: string,
  ) {}

  /**
   * Sleep on the host's activity, unless something already happened since `seen` (a reply can
   * arrive after another program changed the kernel: that change must not be slept through).
   * `ownCalls` is how many of the program's own calls since `seen` notified the activity (every
   * call does but one that would have blocked, see Host.syscall): they are no news.
   */
  async sleep(seen: number, ownCalls: number, timeoutUs?: number): Promise<void> {
    // A sleep with a timeout has its own timer pending, so it cannot deadlock: it needs no watch.
    // Not awaited: the counters travel with whatever the kernel is told next (Host.readAside).
    if (timeoutUs === undefined) this.watch ??= DropWatch.start(this.host);
    // Anything beyond this program's own calls is news: another program's call, a packet, a timer.
    if (this.host.activity.version > seen + ownCalls) return;
    try {
      await this.host.sim.block(`${this.description} on ${this.host.name}`, [this.host.activity], timeoutUs);
    } catch (error) {
      if (!(error instanceof DeadlockError)) throw error;
      const watch = await this.watch;
      throw watch ? await watch.explain(error) : error;
    }
  }
}
