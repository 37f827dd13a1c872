// Generated from reference/epoll.ts by `npm run starter:build`. This file is yours now: edit it freely.
// Each TODO(mN) stub below throws NotImplemented until you write that part in milestone N. Its
// `void name;` lines only mark the parameters as used, so that the stub compiles: delete them with it.

/**
 * An epoll instance: an interest list (the fds a program registered, with the events it asked
 * for) and a ready list (the registered files that may be ready), as Linux's eventpoll keeps.
 *
 * The ready list is what makes epoll fast: a file gets on it when its wait queue wakes the item
 * (wait-queue.ts), so `wait` looks only at files that may be ready, never at the whole interest
 * list: its cost follows the ready files, not the registered ones.
 */
import {
  EPOLLET,
  EPOLLONESHOT,
  NotImplemented,
  type EpollEvent,
  type EpollOp,
  type Fd,
} from '../harness/contract';
import type { OpenFile } from './open-file';
import type { WaitQueue, Waiter } from './wait-queue';

/** What epoll needs of a file it watches: its readiness, and its wait queue. */
export interface Pollable extends OpenFile {
  poll(): number;
  readonly waitQueue: WaitQueue;
}

/** The flags that say how to report, not what: they survive a one-shot report. */
const HOW_TO_REPORT = EPOLLET | EPOLLONESHOT;

/** One registered fd: an entry of the interest list, and the waiter on its file. */
export class EpollItem implements Waiter {
  /**
   * The events asked for, plus EPOLLERR and EPOLLHUP (always reported), plus EPOLLET and
   * EPOLLONESHOT. After a one-shot report only those two flags are left: the item is disarmed.
   */
  events = 0;

  constructor(
    readonly epoll: EpollInstance,
    readonly fd: Fd,
    readonly file: Pollable,
  ) {}

  /** Armed: some event may still be reported (a one-shot item is not, once it has been). */
  get armed(): boolean {
    return (this.events & ~HOW_TO_REPORT) !== 0;
  }

  wake(key: number): void {
    // TODO(m5): on a wakeup for an event the item asks for, put it on the ready list (unless disarmed)
    void key;
    throw new NotImplemented('m5', 'on a wakeup for an event the item asks for, put it on the ready list (unless disarmed)');
  }

  detach(): void {
    this.epoll.forget(this);
  }
}

/** One epoll instance: what an fd from epollCreate names. */
export class EpollInstance implements OpenFile {
  readonly fileType = 'epoll';
  /** The interest list, by fd. */
  readonly #interest = new Map<Fd, EpollItem>();
  /** The items that may be ready, in the order they became so (a Set keeps insertion order). */
  readonly #ready = new Set<EpollItem>();

  /**
   * epoll_ctl: register `fd` (`add`), change its events (`mod`) or remove it (`del`).
   * @throws SocketError EEXIST when adding an fd already registered, ENOENT when changing or
   * removing one that is not, EINVAL for an unknown operation.
   */
  control(op: EpollOp, fd: Fd, file: Pollable, events: number): void {
    // TODO(m5): epoll_ctl (add, mod, del; EEXIST, ENOENT, EINVAL; ERR and HUP always asked for; a ready file goes on the ready list at once)
    void op;
    void fd;
    void file;
    void events;
    throw new NotImplemented('m5', 'epoll_ctl (add, mod, del; EEXIST, ENOENT, EINVAL; ERR and HUP always asked for; a ready file goes on the ready list at once)');
  }

  /**
   * epoll_wait without waiting: the ready files, at most `max` of them. A level-triggered item
   * that is reported goes back to the end of the ready list, so that with more ready files than
   * `max` each is reported in turn (Linux rotates its ready list the same way); an
   * edge-triggered one waits for its next wakeup; a one-shot one is disarmed.
   */
  wait(max: number): EpollEvent[] {
    // TODO(m5): epoll_wait (re-poll each item of the ready list; drop those no longer ready; LT back to the end, ET off the list, ONESHOT disarmed; at most max)
    void max;
    throw new NotImplemented('m5', 'epoll_wait (re-poll each item of the ready list; drop those no longer ready; LT back to the end, ET off the list, ONESHOT disarmed; at most max)');
  }

  /** Put `item` on the ready list, at its end, unless it is there already. */
  markReady(item: EpollItem): void {
    this.#ready.add(item);
  }

  /** Take `item` off both lists and stop waiting on its file (epoll_ctl del, or its fd closed). */
  forget(item: EpollItem): void {
    // TODO(m5): forget an item (off the interest list, off the ready list, off its file's wait queue)
    void item;
    throw new NotImplemented('m5', 'forget an item (off the interest list, off the ready list, off its file\'s wait queue)');
  }

  /** Closing the epoll fd: every registered file stops waking it. */
  close(): void {
    for (const item of [...this.#interest.values()]) this.forget(item);
  }
}

/** True when the open file is an epoll instance. */
export function isEpoll(file: OpenFile): file is EpollInstance {
  return file.fileType === 'epoll';
}
