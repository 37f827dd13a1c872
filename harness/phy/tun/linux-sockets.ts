/**
 * A program on Linux, in a TUN agent's namespace: the socket calls of a C program, as promises.
 * Calls block as in C (a blocking recv resolves when data comes); a failed call throws
 * SocketError with errno's name (or an Error naming an errno socklab does not use).
 */
import { isErrno, SocketError, type AcceptResult, type RecvFromResult, type SockAddr, type SocketKind, type SocketOption } from '../../contract';
import type { LinuxCall, LinuxResult } from './agent/protocol';
import type { TunAgent } from './tun-agent';

type Ok = LinuxResult & { readonly ok: true };

export class LinuxSockets {
  constructor(private readonly agent: TunAgent) {}

  async socket(kind: SocketKind): Promise<number> {
    return (await this.call({ name: 'socket', kind })).ret;
  }

  async bind(fd: number, addr: SockAddr): Promise<void> {
    await this.call({ name: 'bind', fd, addr });
  }

  async connect(fd: number, addr: SockAddr): Promise<void> {
    await this.call({ name: 'connect', fd, addr });
  }

  async listen(fd: number, backlog: number): Promise<void> {
    await this.call({ name: 'listen', fd, backlog });
  }

  async accept(fd: number): Promise<AcceptResult> {
    const result = await this.call({ name: 'accept', fd });
    return { fd: result.ret, peer: result.address! };
  }

  /** Send all of `data` (a blocking send waits for room); returns how much was taken. */
  async send(fd: number, data: Uint8Array): Promise<number> {
    return (await this.call({ name: 'send', fd, data })).ret;
  }

  /** Up to `max` bytes; empty at end of file. */
  async recv(fd: number, max: number): Promise<Uint8Array> {
    return (await this.call({ name: 'recv', fd, max })).data!;
  }

  async sendto(fd: number, data: Uint8Array, to: SockAddr): Promise<number> {
    return (await this.call({ name: 'sendto', fd, data, to })).ret;
  }

  async recvfrom(fd: number, max: number): Promise<Omit<RecvFromResult, 'truncated'>> {
    const result = await this.call({ name: 'recvfrom', fd, max });
    return { data: result.data!, from: result.address! };
  }

  async setsockopt(fd: number, option: SocketOption, value: number | string): Promise<void> {
    await this.call({ name: 'setsockopt', fd, option, value });
  }

  async getsockname(fd: number): Promise<SockAddr> {
    return (await this.call({ name: 'getsockname', fd })).address!;
  }

  async shutdown(fd: number, how: 'rd' | 'wr' | 'rdwr'): Promise<void> {
    await this.call({ name: 'shutdown', fd, how });
  }

  async close(fd: number): Promise<void> {
    await this.call({ name: 'close', fd });
  }

  /** poll(2) on one fd: its revents, 0 when `timeoutMs` passed first. */
  async poll(fd: number, events: number, timeoutMs: number): Promise<number> {
    return (await this.call({ name: 'poll', fds: [{ fd, events }], timeoutMs })).revents![0]!;
  }

  private async call(call: LinuxCall): Promise<Ok> {
    const { result } = await this.agent.call(call);
    if (result.ok) return result;
    throw isErrno(result.errno) ? new SocketError(result.errno, `${call.name} on Linux`) : new Error(`${call.name} on Linux failed with ${result.errno}`);
  }
}
