/**
 * A file's wait queue: who waits on its readiness (epoll's items), and when to wake them.
 *
 * Linux wakes a socket's waiters from the code that changes the socket (sk_data_ready when data
 * is queued, sk_state_change, sk_write_space, sk_error_report). socklab finds those moments in
 * one place instead: the kernel marks each file a packet, a timer or a call may have changed
 * (Host.touch), and once that work is done it asks the file's queue to {@link WaitQueue.recheck}.
 * A recheck wakes the waiters when Linux would have: when a readiness bit appeared that was not
 * there before, or when more input arrived (new data, a new datagram, a new connection to accept)
 * even though the file was readable already. An edge-triggered program depends on that second
 * case: it is woken for each arrival, not only for the first. And when the file's state changed
 * (a TCP connection established, its peer's FIN, a shutdown, the connection's end): Linux's
 * sk_state_change wakes every waiter then, whatever events it watches, so an edge-triggered item
 * that is ready hears of it again, even for an event it was told of before.
 */
import { EPOLL_EVENT_BITS, EPOLLIN } from '../harness/contract';

/** Where the waiters of all of a host's files are counted (the Host: a host nobody watches skips wakeups). */
export interface WaiterCount {
  waiters: number;
}

/** One waiter on a file's readiness: an epoll item. */
export interface Waiter {
  /** The file's readiness rose: `key` holds the bits that appeared (EPOLLIN for more input). */
  wake(key: number): void;
  /** The file is closing: forget it. */
  detach(): void;
}

/** The waiters of one file, and the readiness they last saw. */
export class WaitQueue {
  readonly #waiters = new Set<Waiter>();
  /** The readiness mask at the last recheck. */
  shownMask = 0;
  /** How much input waited at the last recheck (bytes, datagrams, connections). */
  shownInput = 0;
  /** The file's state at the last recheck. */
  shownState: unknown;

  /**
   * @param host - the host of the file, which counts the waiters of all its files.
   * @param poll - the file's readiness mask now.
   * @param waitingInput - how much input waits to be read now; it grows only as input arrives.
   * @param state - the file's state now, compared with `!==`; by default one that never changes.
   */
  constructor(
    private readonly host: WaiterCount,
    readonly poll: () => number,
    readonly waitingInput: () => number,
    readonly state: () => unknown = () => undefined,
  ) {}

  /** Start waking `waiter`; what the file shows now is what later rechecks compare against. */
  add(waiter: Waiter): void {
    if (!this.#waiters.has(waiter)) this.host.waiters++;
    this.#waiters.add(waiter);
    this.shownMask = this.poll();
    this.shownInput = this.waitingInput();
    this.shownState = this.state();
  }

  remove(waiter: Waiter): void {
    if (this.#waiters.delete(waiter)) this.host.waiters--;
  }

  /** The file is closing: every waiter forgets it. */
  detachAll(): void {
    for (const waiter of [...this.#waiters]) waiter.detach();
  }

  /** The file may have changed: wake the waiters if its readiness rose, more input arrived, or its state changed. */
  recheck(): void {
    // No waiter, no cost: thousands of sockets nobody watches are never polled for this.
    if (this.#waiters.size > 0) this.wakeOnRise(this.#waiters);
  }

  /**
   * Wake `waiters` (all of this queue's) if a readiness bit appeared since the last recheck or
   * more input arrived, with those bits as the key, or if the file's state changed, with every
   * event as the key; remember what the file shows now.
   */
  wakeOnRise(waiters: ReadonlySet<Waiter>): void {
    // @solution m5 begin: wake the waiters when a readiness bit appeared, more input arrived or the state changed
    const mask = this.poll();
    const input = this.waitingInput();
    const state = this.state();
    let key = mask & ~this.shownMask;
    if (input > this.shownInput) key |= EPOLLIN;
    if (state !== this.shownState) key |= EPOLL_EVENT_BITS;
    this.shownMask = mask;
    this.shownInput = input;
    this.shownState = state;
    if (key === 0) return;
    for (const waiter of waiters) waiter.wake(key);
    // @solution end
  }
}
