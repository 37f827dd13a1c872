/**
 * The data of each epoll registration, kept beside the kernel: a socklab kernel's epoll reports
 * the ready fd (the kernel contract carries no epoll_data), while a script gives each registration
 * data of its own (`ptr=0x10`) and expects it back from epoll_wait, as Linux hands it back.
 */
import type { EpollOp } from '../../contract';

export class EpollDataTable {
  /** By epoll fd, then by registered fd. */
  private readonly data = new Map<number, Map<number, bigint>>();

  /** epoll_ctl(epfd, op, fd, {..., data}) succeeded. */
  registered(epfd: number, op: EpollOp, fd: number, data: bigint): void {
    if (op === 'del') {
      this.data.get(epfd)?.delete(fd);
      return;
    }
    const registrations = this.data.get(epfd) ?? new Map<number, bigint>();
    this.data.set(epfd, registrations.set(fd, data));
  }

  /** close(fd) succeeded: as Linux does, the fd leaves every interest list, and an epoll fd its own. */
  closed(fd: number): void {
    this.data.delete(fd);
    for (const registrations of this.data.values()) registrations.delete(fd);
  }

  /**
   * The data epoll_wait on `epfd` returns for the ready `fd`. An fd no script line registered
   * there (which a kernel should never report) shows as its number, as `fd=` would write it.
   */
  dataOf(epfd: number, fd: number): bigint {
    return this.data.get(epfd)?.get(fd) ?? BigInt(fd);
  }
}
