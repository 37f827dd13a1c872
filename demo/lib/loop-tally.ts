/**
 * An event loop's figures, counted as it runs: its epoll_waits and what they returned, the
 * connections it accepted and answered, how many fds it had registered. It is the loop's watch
 * (temperature-loop.ts), and passes each report on to `hooks`, which tell the story as it goes;
 * at the end, the figures are shown the same way on the simulator and over TUN.
 */
import type { SockAddr } from '../../harness/contract';
import { MAX_EVENTS, type LoopWait, type LoopWatch } from './temperature-loop';

/** An event loop's figures at one moment. */
export interface LoopFigures {
  /** epoll_wait calls, and how many of them returned none (their timeout passed). */
  readonly waits: number;
  readonly timeouts: number;
  /** Events all epoll_waits returned, and the most one returned. */
  readonly events: number;
  readonly mostEvents: number;
  /** The most fds registered when an epoll_wait returned: the listener and the open connections. */
  readonly mostRegistered: number;
  readonly accepted: number;
  readonly answered: number;
  /** The fds registered now: the listener and the connections accepted and not yet closed. */
  readonly registered: number;
}

export class LoopTally implements LoopWatch {
  private counted: LoopFigures = { waits: 0, timeouts: 0, events: 0, mostEvents: 0, mostRegistered: 0, accepted: 0, answered: 0, registered: 1 };

  constructor(private readonly hooks: Partial<LoopWatch> = {}) {}

  /** The figures so far, as they stand now (later counts make new ones): two of them tell what happened between. */
  get figures(): LoopFigures {
    return this.counted;
  }

  waited(wait: LoopWait): void {
    const { counted } = this;
    const { events } = wait;
    this.counted = {
      ...counted,
      waits: counted.waits + 1,
      timeouts: counted.timeouts + (events.length === 0 ? 1 : 0),
      events: counted.events + events.length,
      mostEvents: Math.max(counted.mostEvents, events.length),
      mostRegistered: Math.max(counted.mostRegistered, counted.registered),
    };
    this.hooks.waited?.(wait);
  }

  accepted(peer: SockAddr): void {
    this.counted = { ...this.counted, accepted: this.counted.accepted + 1, registered: this.counted.registered + 1 };
    this.hooks.accepted?.(peer);
  }

  answered(peer: SockAddr, request: string, answer: string): void {
    this.counted = { ...this.counted, answered: this.counted.answered + 1 };
    this.hooks.answered?.(peer, request, answer);
  }

  closed(peer: SockAddr): void {
    this.counted = { ...this.counted, registered: this.counted.registered - 1 };
    this.hooks.closed?.(peer);
  }
}

/** The figures both modes of the demo show: `clients` served, the waits, and the fds registered. */
export function figureLines(figures: LoopFigures, clients: number): string[] {
  const timeouts = figures.timeouts > 0 ? ` (${figures.timeouts} of them timed out: the loop's moment to see whether it should stop)` : '';
  return [
    `  clients served        ${figures.answered} of ${clients}`,
    `  epoll_wait calls      ${figures.waits}${timeouts}`,
    `  most events per wait  ${figures.mostEvents} (it asks for at most ${MAX_EVENTS})`,
    `  most fds registered   ${figures.mostRegistered} (the listener and the connections open at once)`,
  ];
}

/** How the figures name the one time that is not virtual, so that the tests know which line no seed decides. */
export const WALL_TIME = 'wall time';

/** The wall time since `startedMs` (performance.now()), with a `note` on what it covers. */
export function wallTimeLine(startedMs: number, note: string): string {
  return `  ${WALL_TIME}             ${((performance.now() - startedMs) / 1000).toFixed(2)} s   (${note})`;
}
