/**
 * A priority queue of timed events. Events at the same instant run in the order they were
 * scheduled (a sequence number breaks ties), so a run never depends on heap internals.
 */
import { MinHeap } from '../contract';

/** One scheduled action; `cancel()` removes it lazily (it is skipped when popped). */
export interface ScheduledEvent {
  /** Virtual time in integer microseconds. */
  readonly atUs: number;
  /** What the event is, for traces and livelock reports. */
  readonly label: string;
  cancel(): void;
  readonly cancelled: boolean;
}

interface Entry extends ScheduledEvent {
  readonly seq: number;
  readonly run: () => void | Promise<void>;
  /** Whether it runs together with the events like it at its instant (see Simulator.arrival). */
  readonly together: boolean;
  cancelled: boolean;
}

/** A popped event, to be run. */
export interface DueEvent {
  readonly atUs: number;
  readonly label: string;
  readonly together: boolean;
  readonly run: () => void | Promise<void>;
}

function before(a: Entry, b: Entry): boolean {
  return a.atUs < b.atUs || (a.atUs === b.atUs && a.seq < b.seq);
}

/** Events ordered by (time, insertion order). */
export class EventQueue {
  private readonly heap = new MinHeap<Entry>(before);
  private nextSeq = 0;
  private live = 0;

  /** Number of events not yet run or cancelled. */
  get size(): number {
    return this.live;
  }

  push(atUs: number, label: string, run: () => void | Promise<void>, together = false): ScheduledEvent {
    if (!Number.isInteger(atUs)) throw new Error(`event time must be integer microseconds, got ${atUs}`);
    const entry: Entry = {
      atUs,
      label,
      run,
      together,
      seq: this.nextSeq++,
      cancelled: false,
      cancel: () => {
        if (!entry.cancelled) {
          entry.cancelled = true;
          this.live--;
        }
      },
    };
    this.heap.push(entry);
    this.live++;
    return entry;
  }

  /** The earliest live event, removed from the queue; undefined when none is left. */
  pop(): DueEvent | undefined {
    for (let top = this.heap.pop(); top !== undefined; top = this.heap.pop()) {
      if (!top.cancelled) {
        this.live--;
        top.cancelled = true; // a late cancel() of a popped event must not touch the count
        return top;
      }
    }
    return undefined;
  }

  /** The earliest live event if it is at `atUs` and runs together with its like, removed; else undefined. */
  popTogether(atUs: number): DueEvent | undefined {
    const next = this.peek();
    return next?.atUs === atUs && next.together ? this.pop() : undefined;
  }

  /** The time of the earliest live event, without removing it. */
  peekTime(): number | undefined {
    return this.peek()?.atUs;
  }

  private peek(): Entry | undefined {
    while (this.heap.peek()?.cancelled) this.heap.pop();
    return this.heap.peek();
  }
}
