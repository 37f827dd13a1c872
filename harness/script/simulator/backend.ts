/**
 * The simulator backend: the stack under test on the stack-and-peer topology, in virtual time.
 * The links have no delay, so that the times a script gives are the times at the stack's
 * interface, as they are on a TUN device. Syscalls go through the runtime's `Sys`, so blocking
 * calls block as they do for any program; the harness's end is the topology's WirePeer.
 */
import { ladderEntries } from '../../checks/evidence';
import { EPOLLERR, EPOLLHUP, isSocketError, SocketError, type CreateKernel, type SocketOption, type SocketOptions } from '../../contract';
import { Sys } from '../../runtime';
import { LINUX_SYSCTLS } from '../../phy/tun/linux-sysctls';
import { kernelDrops } from '../../sim/kernel-drops';
import { stackAndPeer, type StackAndPeer } from '../../sim/stack-and-peer';
import { ScriptNotRunnable, type Backend, type BackendEvidence, type BackendFactory, type BackendSetup, type CallInProgress, type Outbound, type SyscallRequest, type SyscallResult, type SyscallOut } from '../backend';
import { FLAG_OPTIONS, O_NONBLOCK, O_RDWR, POLLNVAL } from '../language/names';
import { payload } from '../language/payload';
import type { ScriptSysctl } from '../language/shell-command';
import { EpollDataTable } from './epoll-data-table';
import { tcpiOf } from './tcpi';

/** A backend factory that runs scripts against `createKernel` on the simulator. */
export function simBackend(createKernel: CreateKernel): BackendFactory {
  return async (setup) => {
    for (const sysctl of setup.sysctls) checkFollowed(sysctl);
    return new SimBackend(createKernel, setup);
  };
}

/**
 * A script's sysctl holds on the simulator only where it asks for what socklab stacks do anyway:
 * a setting every Linux run is pinned to (linux-sysctls.ts), at the same value. Anything else would
 * make the script describe a stack the simulator does not run.
 */
function checkFollowed({ key, value }: ScriptSysctl): void {
  const pinned = LINUX_SYSCTLS.find((sysctl) => sysctl.key === key);
  if (pinned?.value === value) return;
  const what = pinned ? `socklab stacks behave as ${key}=${pinned.value}` : 'socklab stacks have no such setting';
  throw new ScriptNotRunnable(`sysctl ${key}=${value} cannot hold on the simulator: ${what}; run this script on Linux only (--stack linux)`);
}

class SimBackend implements Backend {
  readonly name = 'simulator';
  readonly clockSlackUs = 0;
  private readonly net: StackAndPeer;
  private readonly sys: Sys;
  // Sys keeps its own O_NONBLOCK set privately; F_GETFL needs to read it back.
  private readonly nonblocking = new Set<number>();
  private readonly epollData = new EpollDataTable();

  constructor(createKernel: CreateKernel, setup: BackendSetup) {
    this.net = stackAndPeer({
      seed: setup.seed,
      mtu: setup.mtu,
      stack: { createKernel, address: setup.localAddress },
      peerAddress: setup.remoteAddress,
      link: { delayUs: 0 },
    });
    this.sys = new Sys(this.net.host);
  }

  now(): number {
    return this.net.sim.nowUs;
  }

  async inject(packet: Uint8Array): Promise<number> {
    await this.net.peer.send(packet);
    return this.net.sim.nowUs;
  }

  async nextOutbound(untilUs: number): Promise<Outbound | undefined> {
    const { sim, peer } = this.net;
    if (peer.pending > 0) return peer.next(0);
    if (untilUs === Infinity) return peer.next();
    const leftUs = untilUs - sim.nowUs;
    // Even with no time left, let what is due at this instant happen first.
    if (leftUs <= 0) await this.settle();
    return peer.next(Math.max(0, leftUs) / 1000);
  }

  settle(): Promise<void> {
    return this.net.sim.sleep(0, 'the script runner');
  }

  syscall(request: SyscallRequest): CallInProgress {
    const started = Promise.resolve(this.net.sim.nowUs);
    const returned = this.run(request).catch((error: unknown) => {
      if (error instanceof SocketError) return { ok: false, errno: error.errno } as const;
      throw error;
    });
    return { started, returned: returned.then((result) => ({ result, timeUs: this.net.sim.nowUs })) };
  }

  evidence(): BackendEvidence {
    const { host, peer, sim, trace } = this.net;
    return {
      nowUs: sim.nowUs,
      packets: ladderEntries(trace),
      sides: [
        { name: host.name, address: host.address },
        { name: peer.name, address: peer.address },
      ],
    };
  }

  dropped(): Promise<readonly string[]> {
    return kernelDrops(this.net.host);
  }

  async close(): Promise<void> {
    // A call still blocked waits on the simulator: end the run, so it neither runs on nor hangs.
    this.net.sim.halt();
    await this.net.host.dispose();
  }

  private async run(r: SyscallRequest): Promise<SyscallResult> {
    const sys = this.sys;
    const done = (ret: number, out?: SyscallOut): SyscallResult => ({ ok: true, ret, ...(out ? { out } : {}) });
    switch (r.name) {
      case 'socket':
        return done(this.opened(await sys.socket(r.kind), r.nonblocking));
      case 'bind':
        await sys.bind(r.fd, r.addr);
        return done(0);
      case 'connect':
        await sys.connect(r.fd, r.addr);
        return done(0);
      case 'listen':
        await sys.listen(r.fd, r.backlog);
        return done(0);
      case 'accept': {
        const { fd, peer } = await sys.accept(r.fd);
        return done(this.opened(fd, r.nonblocking), { address: peer });
      }
      case 'send':
        return done(await this.once(r.fd, r.dontWait, () => sys.send(r.fd, payload(r.count))));
      case 'recv':
        return done((await this.once(r.fd, r.dontWait, () => sys.recv(r.fd, r.count))).length);
      case 'sendto':
        return done(await this.once(r.fd, r.dontWait, () => sys.sendto(r.fd, payload(r.count), r.to)));
      case 'recvfrom': {
        const { data, from } = await this.once(r.fd, r.dontWait, () => sys.recvfrom(r.fd, r.count));
        return done(data.length, { address: from });
      }
      case 'fcntl':
        return this.fcntl(r.fd, r.flags);
      case 'setsockopt':
        await sys.setsockopt(r.fd, r.option, toKernel(r.option, r.value));
        return done(0);
      case 'getsockopt':
        return done(0, { optval: fromKernel(await sys.getsockopt(r.fd, r.option)) });
      case 'tcp_info':
        return done(0, { tcpi: tcpiOf(await sys.tcpInfo(r.fd)) });
      case 'shutdown':
        await sys.shutdown(r.fd, r.how);
        return done(0);
      case 'close':
        await sys.close(r.fd);
        this.nonblocking.delete(r.fd);
        this.epollData.closed(r.fd);
        return done(0);
      case 'poll': {
        const revents = await this.poll(r.fds, r.timeoutMs);
        return done(revents.filter((bits) => bits !== 0).length, { revents });
      }
      case 'epoll_create':
        return done(await sys.epollCreate());
      case 'epoll_ctl':
        await sys.epollCtl(r.fd, r.op, r.target, r.events);
        this.epollData.registered(r.fd, r.op, r.target, r.data);
        return done(0);
      case 'epoll_wait': {
        const ready = await sys.epollWait(r.fd, r.max, r.timeoutMs);
        return done(ready.length, { events: ready.map(({ fd, events }) => ({ data: this.epollData.dataOf(r.fd, fd), events })) });
      }
    }
  }

  /** F_GETFL (flags undefined) or F_SETFL; the fd must be open (poll tells: EBADF otherwise). */
  private async fcntl(fd: number, flags: number | undefined): Promise<SyscallResult> {
    await this.sys.poll(fd).catch((error: unknown) => {
      if (isSocketError(error, 'EBADF')) throw error;
    });
    if (flags === undefined) return { ok: true, ret: O_RDWR | (this.nonblocking.has(fd) ? O_NONBLOCK : 0) };
    this.setNonblocking(fd, (flags & O_NONBLOCK) !== 0);
    return { ok: true, ret: 0 };
  }

  private setNonblocking(fd: number, on: boolean): void {
    this.sys.fcntl(fd, 'O_NONBLOCK', on);
    if (on) this.nonblocking.add(fd);
    else this.nonblocking.delete(fd);
  }

  /** A new fd, with O_NONBLOCK when SOCK_NONBLOCK asked for it. */
  private opened(fd: number, nonblocking: boolean | undefined): number {
    if (nonblocking) this.setNonblocking(fd, true);
    return fd;
  }

  /** `call` on `fd`, nonblocking for this once when MSG_DONTWAIT asked (`dontWait`), as the fd was before afterwards. */
  private async once<T>(fd: number, dontWait: boolean | undefined, call: () => Promise<T>): Promise<T> {
    if (!dontWait || this.nonblocking.has(fd)) return call();
    this.sys.fcntl(fd, 'O_NONBLOCK', true);
    try {
      return await call();
    } finally {
      this.sys.fcntl(fd, 'O_NONBLOCK', false);
    }
  }

  /**
   * poll(2) on the kernel's readiness masks: each fd reports what it asked for plus POLLERR and
   * POLLHUP (always reported), POLLNVAL when it is not open. Waits up to `timeoutMs` (-1: no
   * limit) for one to be ready, re-checking whenever the host's kernel was called.
   */
  private async poll(fds: readonly { readonly fd: number; readonly events: number }[], timeoutMs: number): Promise<number[]> {
    const { host } = this.net;
    const deadlineUs = timeoutMs < 0 ? undefined : host.sim.nowUs + timeoutMs * 1000;
    for (;;) {
      const seen = host.activity.version;
      const revents = await Promise.all(fds.map(({ fd, events }) => this.revents(fd, events)));
      const leftUs = deadlineUs === undefined ? undefined : deadlineUs - host.sim.nowUs;
      if (revents.some((bits) => bits !== 0) || (leftUs !== undefined && leftUs <= 0)) return revents;
      // Our own poll calls notified the host once each; anything beyond is news to check at once.
      if (host.activity.version === seen + fds.length) await host.sim.block(`poll() on ${host.name}`, [host.activity], leftUs);
    }
  }

  private async revents(fd: number, events: number): Promise<number> {
    try {
      return (await this.sys.poll(fd)) & (events | EPOLLERR | EPOLLHUP);
    } catch (error) {
      if (isSocketError(error, 'EBADF')) return POLLNVAL;
      throw error;
    }
  }
}

/** A script's int option value as the kernel contract types it: flags are booleans. */
function toKernel<K extends SocketOption>(option: K, value: number | string): SocketOptions[K] {
  return (FLAG_OPTIONS.has(option) ? value !== 0 : value) as SocketOptions[K];
}

/** A kernel's option value as Linux returns it: flags as 0 or 1. */
function fromKernel(value: unknown): number | string {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return typeof value === 'number' || typeof value === 'string' ? value : String(value);
}
