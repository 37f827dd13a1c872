/**
 * The file descriptor table: which small integer names which open file, as in a process.
 */
import { FIRST_FD, SocketError, type Fd } from '../harness/contract';
import type { OpenFile } from './open-file';
import { isSocket, type Socket } from './socket';

/** Hands out fds the way POSIX requires: always the lowest one free. */
export class FdTable {
  readonly #files = new Map<Fd, OpenFile>();
  /** Closed fds (all below the never-used one), largest first, so that the lowest is at the end. */
  readonly #freed: Fd[] = [];
  /** The lowest fd never handed out. */
  #neverUsed: Fd = FIRST_FD;

  /** Give `file` the lowest free fd (3 for the first, as stdin, stdout and stderr hold 0–2). */
  open(file: OpenFile): Fd {
    const fd = this.#freed.pop() ?? this.#neverUsed++;
    this.#files.set(fd, file);
    return fd;
  }

  /**
   * The open file behind `fd`.
   * @throws SocketError EBADF when `fd` is not open.
   */
  get(fd: Fd): OpenFile {
    const file = this.#files.get(fd);
    if (!file) throw new SocketError('EBADF', `fd ${fd} is not open`);
    return file;
  }

  /**
   * The socket behind `fd`.
   * @throws SocketError EBADF when `fd` is not open, ENOTSOCK when it is not a socket.
   */
  socket(fd: Fd): Socket {
    const file = this.get(fd);
    if (!isSocket(file)) throw new SocketError('ENOTSOCK', `fd ${fd} is not a socket`);
    return file;
  }

  /**
   * Free `fd` and close its file.
   * @throws SocketError EBADF when `fd` is not open.
   */
  close(fd: Fd): void {
    const file = this.get(fd);
    this.#files.delete(fd);
    this.#release(fd);
    file.close();
  }

  #release(fd: Fd): void {
    // Keep #freed sorted, largest first: open() then takes the lowest with a pop().
    let index = this.#freed.findIndex((freed) => freed < fd);
    if (index === -1) index = this.#freed.length;
    this.#freed.splice(index, 0, fd);
  }
}
