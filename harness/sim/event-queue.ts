/**
 * A priority queue of timed events. Events at the same instant run in the order they were
 * scheduled (a sequence number breaks ties), so a run never depends on heap internals.
 */

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
  cancelled: boolean;
}

function before(a: Entry, b: Entry): boolean {
  return a.atUs < b.atUs || (a.atUs === b.atUs && a.seq < b.seq);
}

/** A binary min-heap ordered by (time, insertion order). */
export class EventQueue {
  private readonly heap: Entry[] = [];
  private nextSeq = 0;
  private live = 0;

  /** Number of events not yet run or cancelled. */
  get size(): number {
    return this.live;
  }

  push(atUs: number, label: string, run: () => void | Promise<void>): ScheduledEvent {
    if (!Number.isInteger(atUs)) throw new Error(`event time must be integer microseconds, got ${atUs}`);
    const entry: Entry = {
      atUs,
      label,
      run,
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
    this.siftUp(this.heap.length - 1);
    return entry;
  }

  /** The earliest live event, removed from the queue; undefined when none is left. */
  pop(): { atUs: number; label: string; run: () => void | Promise<void> } | undefined {
    while (this.heap.length > 0) {
      const top = this.removeTop();
      if (!top.cancelled) {
        this.live--;
        top.cancelled = true; // a late cancel() of a popped event must not touch the count
        return top;
      }
    }
    return undefined;
  }

  /** The time of the earliest live event, without removing it. */
  peekTime(): number | undefined {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.removeTop();
    return this.heap[0]?.atUs;
  }

  private removeTop(): Entry {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    const entry = heap[index]!;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(entry, heap[parent]!)) break;
      heap[index] = heap[parent]!;
      index = parent;
    }
    heap[index] = entry;
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    const entry = heap[index]!;
    const n = heap.length;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && before(heap[right]!, heap[left]!) ? right : left;
      if (!before(heap[child]!, entry)) break;
      heap[index] = heap[child]!;
      index = child;
    }
    heap[index] = entry;
  }
}
