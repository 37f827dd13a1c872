/**
 * The script's file descriptors and the agent's. A script counts fds as a fresh Linux process
 * does (the lowest free from 3); the agent, a Node process, has many fds open already, so its
 * sockets get other numbers. This table maps the script's to the agent's.
 */

/**
 * What a script fd that is not open maps to: a number no process can have open (above any
 * RLIMIT_NOFILE), so that Linux itself answers EBADF, or POLLNVAL in poll.
 */
export const NOT_OPEN = 0x7fffffff;

/** The lowest fd a script's first socket gets. */
const FIRST_FD = 3;

export class ScriptFds {
  private readonly agentFds = new Map<number, number>();

  /** A new fd of the agent's (from socket, accept, epoll_create): the script's number for it. */
  open(agentFd: number): number {
    let fd = FIRST_FD;
    while (this.agentFds.has(fd)) fd++;
    this.agentFds.set(fd, agentFd);
    return fd;
  }

  /** The agent's fd for the script's `fd`, or {@link NOT_OPEN}. */
  agentFd(fd: number): number {
    return this.agentFds.get(fd) ?? NOT_OPEN;
  }

  /** The script closed `fd`. */
  close(fd: number): void {
    this.agentFds.delete(fd);
  }
}
