/**
 * An epoll instance: an interest list (the fds a program registered, with the events it asked
 * for) and a ready list (the registered files that may be ready), as Linux's eventpoll keeps.
 *
 * The ready list is what makes epoll fast: a file gets on it when its wait queue wakes the item
 * (wait-queue.ts), so `wait` looks only at files that may be ready, never at the whole interest
 * list: its cost follows the ready files, not the registered ones.
 */
import {
  EPOLL_EVENT_BITS,
  EPOLLERR,
  EPOLLET,
  EPOLLHUP,
  EPOLLONESHOT,
  SocketError,
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
    // @solution m5 begin: on a wakeup for an event the item asks for, put it on the ready list (unless disarmed)
    if (this.armed && (key & this.events) !== 0) this.epoll.markReady(this);
    // @solution end
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
    // @solution m5 begin: epoll_ctl (add, mod, del; EEXIST, ENOENT, EINVAL; ERR and HUP always asked for; a ready file goes on the ready list at once)
    const item = this.#interest.get(fd);
    // Ask for `events`, always with EPOLLERR and EPOLLHUP; a file already ready for them is ready now.
    const arm = (armed: EpollItem): void => {
      armed.events = (events & (EPOLL_EVENT_BITS | HOW_TO_REPORT)) | EPOLLERR | EPOLLHUP;
      if ((file.poll() & armed.events & EPOLL_EVENT_BITS) !== 0) this.markReady(armed);
    };
    switch (op) {
      case 'add': {
        if (item) throw new SocketError('EEXIST', `fd ${fd} is already registered`);
        const added = new EpollItem(this, fd, file);
        this.#interest.set(fd, added);
        file.waitQueue.add(added);
        arm(added);
        return;
      }
      case 'mod':
        if (!item) throw new SocketError('ENOENT', `fd ${fd} is not registered`);
        arm(item);
        return;
      case 'del':
        if (!item) throw new SocketError('ENOENT', `fd ${fd} is not registered`);
        this.forget(item);
        return;
      default:
        throw new SocketError('EINVAL', `unknown epoll_ctl operation ${JSON.stringify(op)}`);
    }
    // @solution end
  }

  /**
   * epoll_wait without waiting: the ready files, at most `max` of them. A level-triggered item
   * that is reported goes back to the end of the ready list, so that with more ready files than
   * `max` each is reported in turn (Linux rotates its ready list the same way); an
   * edge-triggered one waits for its next wakeup; a one-shot one is disarmed.
   */
  wait(max: number): EpollEvent[] {
    // @solution m5 begin: epoll_wait (re-poll each item of the ready list; drop those no longer ready; LT back to the end, ET off the list, ONESHOT disarmed; at most max)
    const events: EpollEvent[] = [];
    const stillReady: EpollItem[] = [];
    for (const item of this.#ready) {
      if (events.length >= max) break;
      this.#ready.delete(item);
      const revents = item.file.poll() & item.events & EPOLL_EVENT_BITS;
      if (revents === 0) continue;
      events.push({ fd: item.fd, events: revents });
      if ((item.events & EPOLLONESHOT) !== 0) item.events &= HOW_TO_REPORT;
      else if ((item.events & EPOLLET) === 0) stillReady.push(item);
    }
    for (const item of stillReady) this.#ready.add(item);
    return events;
    // @solution end
  }

  /** Put `item` on the ready list, at its end, unless it is there already. */
  markReady(item: EpollItem): void {
    this.#ready.add(item);
  }

  /** Take `item` off both lists and stop waiting on its file (epoll_ctl del, or its fd closed). */
  forget(item: EpollItem): void {
    // @solution m5 begin: forget an item (off the interest list, off the ready list, off its file's wait queue)
    this.#interest.delete(item.fd);
    this.#ready.delete(item);
    item.file.waitQueue.remove(item);
    // @solution end
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
