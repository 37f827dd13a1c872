/**
 * The kernel: the one object the harness talks to. It owns the fd table and the protocols'
 * tables, passes each packet up through IPv4 to its protocol, and hands each syscall to the
 * socket behind the fd.
 */
import {
  NotImplemented,
  SocketError,
  type AcceptResult,
  type EpollOp,
  type Counters,
  type EpollEvent,
  type Errno,
  type Fd,
  type Kernel,
  type KernelEnv,
  type RecvFromResult,
  type ShutdownHow,
  type SockAddr,
  type SocketKind,
  type SocketOption,
  type SocketOptions,
  type TcpInfo,
} from '../harness/contract';
import { checkSockAddr } from './address';
import { EpollInstance, isEpoll } from './epoll';
import { FdTable } from './fd-table';
import { Host } from './host';
import { icmpInput } from './icmp';
import { IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, parseIpv4, type Ipv4Packet } from './ipv4';
import { touchAddressed, type SocketTables } from './packet-wakeups';
import { UdpPortTable } from './ports';
import { TcpConnection } from './tcp/connection';
import { tcpInput } from './tcp/input';
import { TcpPortTable } from './tcp/port-table';
import { TcpSocket } from './tcp/socket';
import { TcpTimers } from './tcp/timers';
import { udpIcmpError, udpInput } from './udp-input';
import { UdpSocket } from './udp-socket';
import { isSocket, type Socket } from './socket';

/** A socklab network stack for one host. */
export class SocklabKernel implements Kernel {
  readonly #host: Host;
  readonly #files = new FdTable();
  readonly #udpPorts: UdpPortTable;
  readonly #tcpPorts: TcpPortTable<TcpConnection>;
  readonly #tcpTimers = new TcpTimers();
  readonly #tables: SocketTables;

  constructor(env: KernelEnv) {
    this.#host = new Host(env);
    this.#udpPorts = new UdpPortTable(this.#host);
    this.#tcpPorts = new TcpPortTable(this.#host);
    this.#tables = { udp: this.#udpPorts, tcp: this.#tcpPorts };
  }

  // ---- link side -------------------------------------------------------------------------------

  receive(packet: Uint8Array): void {
    this.#host.counters.IpInReceives++;
    try {
      this.#ipInput(packet);
    } catch (error) {
      // A stub of the starter: let it through, so the harness can say what is still to write.
      if (error instanceof NotImplemented) throw error;
      // A bug must cost one packet, not the host: drop the packet and count it.
      this.#host.counters.IpInDiscards++;
    } finally {
      this.#host.wakeTouched();
    }
  }

  nextDeadline(): number | undefined {
    // UDP sets no timers; TCP's connections each keep theirs (retransmission, TIME_WAIT, ...).
    return this.#tcpTimers.nextDeadline();
  }

  tick(): void {
    // Each connection's timers are fired in isolation: see TcpTimers.tick.
    try {
      this.#tcpTimers.tick(this.#host.now());
    } finally {
      this.#host.wakeTouched();
    }
  }

  // ---- syscall side: sockets -------------------------------------------------------------------

  socket(kind: SocketKind): Fd {
    switch (kind) {
      case 'udp':
        return this.#files.open(new UdpSocket(this.#host, this.#udpPorts));
      case 'tcp':
        return this.#files.open(new TcpSocket(new TcpConnection(this.#host, this.#tcpPorts, this.#tcpTimers)));
      default:
        throw new SocketError('EINVAL', `unknown socket kind ${JSON.stringify(kind)}`);
    }
  }

  bind(fd: Fd, addr: SockAddr): void {
    this.#socketCall(fd, (socket) => {
      checkSockAddr(addr);
      socket.bind(addr);
    });
  }

  connect(fd: Fd, addr: SockAddr): void {
    this.#socketCall(fd, (socket) => {
      checkSockAddr(addr);
      socket.connect(addr);
    });
  }

  listen(fd: Fd, backlog: number): void {
    this.#socketCall(fd, (socket) => socket.listen(backlog));
  }

  accept(fd: Fd): AcceptResult {
    const { socket, peer } = this.#socketCall(fd, (listener) => listener.accept());
    return { fd: this.#files.open(socket), peer };
  }

  send(fd: Fd, data: Uint8Array): number {
    return this.#socketCall(fd, (socket) => socket.send(data));
  }

  recv(fd: Fd, max: number): Uint8Array {
    return this.#socketCall(fd, (socket) => {
      checkLength(max);
      return socket.recv(max);
    });
  }

  sendto(fd: Fd, data: Uint8Array, to: SockAddr): number {
    return this.#socketCall(fd, (socket) => {
      checkSockAddr(to);
      return socket.sendto(data, to);
    });
  }

  recvfrom(fd: Fd, max: number): RecvFromResult {
    return this.#socketCall(fd, (socket) => {
      checkLength(max);
      return socket.recvfrom(max);
    });
  }

  shutdown(fd: Fd, how: ShutdownHow): void {
    this.#socketCall(fd, (socket) => socket.shutdown(how));
  }

  close(fd: Fd): void {
    const file = this.#files.get(fd);
    if (isSocket(file)) file.waitQueue.detachAll();
    this.#files.close(fd);
  }

  setsockopt<Name extends SocketOption>(fd: Fd, name: Name, value: SocketOptions[Name]): void {
    this.#socketCall(fd, (socket) => socket.setsockopt(name, value));
  }

  /** Through #socketCall like the calls that change a socket: reading SO_ERROR clears EPOLLERR. */
  getsockopt<Name extends SocketOption>(fd: Fd, name: Name): SocketOptions[Name] {
    return this.#socketCall(fd, (socket) => socket.getsockopt(name));
  }

  getsockname(fd: Fd): SockAddr {
    return this.#files.socket(fd).getsockname();
  }

  getpeername(fd: Fd): SockAddr {
    return this.#files.socket(fd).getpeername();
  }

  poll(fd: Fd): number {
    return this.#files.socket(fd).poll();
  }

  // ---- syscall side: epoll ---------------------------------------------------------------------

  epollCreate(): Fd {
    // @solution m5 begin: create an epoll instance and give it an fd
    return this.#files.open(new EpollInstance());
    // @solution end
  }

  /** Errors in Linux's order: EBADF for either fd, then EINVAL (not an epoll fd, or the fd itself). */
  epollCtl(epfd: Fd, op: EpollOp, fd: Fd, events: number): void {
    // @solution m5 begin: epoll_ctl's checks (EBADF, then EINVAL), then the instance's control
    const epoll = this.#files.get(epfd);
    const file = this.#files.get(fd);
    if (!isEpoll(epoll)) throw new SocketError('EINVAL', `fd ${epfd} is not an epoll instance`);
    if (fd === epfd) throw new SocketError('EINVAL', 'an epoll instance cannot watch itself');
    // Linux lets one epoll instance watch another; socklab's instances watch sockets only.
    if (!isSocket(file)) throw new SocketError('EINVAL', `fd ${fd} is an epoll instance: socklab does not nest them`);
    epoll.control(op, fd, file, events);
    // @solution end
  }

  /** Errors in Linux's order (6.x): EBADF first, then EINVAL (maxevents below 1, or not an epoll fd). */
  epollWait(epfd: Fd, max: number): EpollEvent[] {
    // @solution m5 begin: epoll_wait's checks (EBADF, then EINVAL for maxevents or a file that is no epoll instance), then the instance's wait
    const epoll = this.#files.get(epfd);
    if (!Number.isInteger(max) || max <= 0) throw new SocketError('EINVAL', `maxevents must be at least 1, not ${max}`);
    if (!isEpoll(epoll)) throw new SocketError('EINVAL', `fd ${epfd} is not an epoll instance`);
    return epoll.wait(max);
    // @solution end
  }

  // ---- introspection ---------------------------------------------------------------------------

  tcpInfo(fd: Fd): TcpInfo {
    return this.#files.socket(fd).tcpInfo();
  }

  counters(): Counters {
    return { ...this.#host.counters };
  }

  /**
   * Run a call on the socket behind `fd`; then, as after a packet or a timer, wake whoever
   * waits on it if the call raised its readiness (and note what it shows now, even if the call
   * failed: a failed send still reports and clears a pending error).
   */
  #socketCall<Result>(fd: Fd, call: (socket: Socket) => Result): Result {
    const socket = this.#files.socket(fd);
    try {
      return call(socket);
    } finally {
      this.#host.touch(socket.waitQueue);
      this.#host.wakeTouched();
    }
  }

  // ---- the input path --------------------------------------------------------------------------

  /** Check the IPv4 header, then hand the packet to its protocol. Every drop is counted. */
  #ipInput(bytes: Uint8Array): void {
    const counters = this.#host.counters;
    const packet = parseIpv4(bytes);
    if (!packet) {
      counters.IpInHdrErrors++;
      return;
    }
    if (packet.destination !== this.#host.address) {
      counters.IpInAddrErrors++;
      return;
    }
    switch (packet.protocol) {
      case IPPROTO_UDP:
        counters.IpInDelivers++;
        touchAddressed(this.#host, this.#tables, packet, 'arriving');
        udpInput(this.#host, this.#udpPorts, packet);
        return;
      case IPPROTO_TCP:
        counters.IpInDelivers++;
        touchAddressed(this.#host, this.#tables, packet, 'arriving');
        tcpInput(this.#host, this.#tcpPorts, packet);
        return;
      case IPPROTO_ICMP:
        counters.IpInDelivers++;
        icmpInput(this.#host, packet, (quote, error) => this.#transportError(quote, error));
        return;
      default:
        counters.IpInUnknownProtos++;
    }
  }

  /** An ICMP error about a packet this host sent: hand it to the protocol that sent the packet. */
  #transportError(quote: Ipv4Packet, error: Errno): void {
    touchAddressed(this.#host, this.#tables, quote, 'sent');
    switch (quote.protocol) {
      case IPPROTO_UDP:
        udpIcmpError(this.#udpPorts, quote, error);
        return;
    }
  }
}

/**
 * Check a receive size from a program: a non-negative integer.
 * @throws SocketError EINVAL otherwise.
 */
function checkLength(max: number): void {
  if (!Number.isInteger(max) || max < 0) throw new SocketError('EINVAL', `bad length ${max}`);
}
