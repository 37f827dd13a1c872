/**
 * A UDP socket: datagrams with their boundaries kept, a bounded receive queue, an optional
 * default peer (connect), and the errors ICMP reports.
 */
import {
  EPOLLERR,
  EPOLLIN,
  EPOLLOUT,
  INADDR_ANY,
  SocketError,
  errnoNumber,
  type Errno,
  type RecvFromResult,
  type SockAddr,
  type SocketOption,
  type SocketOptions,
} from '../harness/contract';
import { checkDestination } from './address';
import type { Host } from './host';
import { IPPROTO_UDP } from './ipv4';
import { checkBufferSize, checkFlag, getOption, setOption, type OptionTable } from './socket-options';
import type { Socket } from './socket';
import { encodeUdp, maxUdpPayload } from './udp';
import { WaitQueue } from './wait-queue';

/**
 * SO_RCVBUF unless set: how many bytes of payload the receive queue may hold. (Only payload
 * counts; Linux also charges its bookkeeping per datagram.)
 */
export const UDP_DEFAULT_RCVBUF = 65536;
/** SO_SNDBUF unless set. A UDP socket has no send queue (a datagram leaves at once), so it only reports the value. */
export const UDP_DEFAULT_SNDBUF = 65536;

/**
 * The port table as a socket uses it. UdpPortTable (ports.ts) is one; it keeps sockets of this
 * class, so this file names what it needs of the table instead of importing it back.
 */
export interface UdpPorts {
  bind(socket: UdpSocket, requested: SockAddr): SockAddr;
  release(socket: UdpSocket): void;
}

/** A datagram waiting in a socket's receive queue. */
export interface QueuedDatagram {
  readonly data: Uint8Array;
  readonly from: SockAddr;
}

/** One UDP socket. Its fields are its state, read by the port table and the input path. */
export class UdpSocket implements Socket {
  readonly fileType = 'socket';
  /** The local address: 0.0.0.0 port 0 until bound (getsockname on Linux says the same). */
  local: SockAddr = { address: INADDR_ANY, port: 0 };
  /** Set by connect: the default destination, and the only sender whose datagrams are accepted. */
  peer: SockAddr | undefined = undefined;
  /** Datagrams that arrived and wait for recv, oldest first. */
  readonly queue: QueuedDatagram[] = [];
  /** Payload bytes in {@link UdpSocket.queue}, counted against SO_RCVBUF. */
  queuedBytes = 0;
  /** An error ICMP reported, kept until a send, a receive or SO_ERROR collects it. */
  pendingError: Errno | undefined = undefined;
  /** SO_RCVBUF. */
  receiveBufferSize = UDP_DEFAULT_RCVBUF;
  /** SO_SNDBUF. */
  sendBufferSize = UDP_DEFAULT_SNDBUF;
  /** SO_REUSEADDR: sockets that all set it before bind may share a port. */
  reuseAddress = false;

  readonly #options: OptionTable = {
    SO_RCVBUF: {
      get: () => this.receiveBufferSize,
      set: (value) => (this.receiveBufferSize = checkBufferSize(value)),
    },
    SO_SNDBUF: {
      get: () => this.sendBufferSize,
      set: (value) => (this.sendBufferSize = checkBufferSize(value)),
    },
    SO_REUSEADDR: {
      get: () => this.reuseAddress,
      set: (value) => (this.reuseAddress = checkFlag(value)),
    },
    SO_ERROR: { get: () => this.#takeErrorNumber() },
  };

  /** Who waits on the socket's readiness; input waiting to be read is counted in datagrams. */
  readonly waitQueue: WaitQueue;

  constructor(
    readonly host: Host,
    readonly ports: UdpPorts,
  ) {
    this.waitQueue = new WaitQueue(host, () => this.poll(), () => this.queue.length);
  }

  /** Whether the socket holds a local port yet. */
  get isBound(): boolean {
    return this.local.port !== 0;
  }

  bind(addr: SockAddr): void {
    this.local = this.ports.bind(this, addr);
  }

  /**
   * Make `to` the default destination and accept datagrams only from it. An unbound socket is
   * bound to an ephemeral port first. Connecting again replaces the peer.
   *
   * @throws SocketError EINVAL for 0.0.0.0 or port 0 (see {@link checkDestination}).
   */
  connect(to: SockAddr): void {
    // @solution m1 begin: connect a UDP socket (bind if needed, fix the source address, set the peer)
    checkDestination(to);
    if (!this.isBound) this.bind({ address: INADDR_ANY, port: 0 });
    // Like Linux, connecting settles the source address: getsockname shows it from now on.
    this.local = { address: this.host.address, port: this.local.port };
    this.peer = { address: to.address, port: to.port };
    // @solution end
  }

  listen(): never {
    throw new SocketError('EOPNOTSUPP', 'listen is for TCP sockets');
  }

  accept(): never {
    throw new SocketError('EOPNOTSUPP', 'accept is for TCP sockets');
  }

  shutdown(): never {
    throw new SocketError('EOPNOTSUPP', 'socklab supports shutdown on TCP sockets only');
  }

  tcpInfo(): never {
    throw new SocketError('EOPNOTSUPP', 'not a TCP socket');
  }

  /**
   * Send one datagram to the connected peer.
   * @throws SocketError EDESTADDRREQ when the socket is not connected; else as {@link UdpSocket.sendto}.
   */
  send(data: Uint8Array): number {
    // @solution m1 begin: send a datagram to the connected peer (EDESTADDRREQ when unconnected)
    if (!this.peer) throw new SocketError('EDESTADDRREQ', 'the socket is not connected: use sendto');
    return this.sendto(data, this.peer);
    // @solution end
  }

  /** The next datagram, cut to `max` bytes (the rest of it is lost). */
  recv(max: number): Uint8Array {
    return this.recvfrom(max).data;
  }

  /**
   * Send `data` as one datagram to `to`, binding an ephemeral port first if needed.
   * @returns `data.length`.
   * @throws SocketError EINVAL for a destination of 0.0.0.0 or port 0; EMSGSIZE when the
   *   datagram does not fit in one packet on the link (socklab never fragments); the pending
   *   error, once, if ICMP reported one.
   */
  sendto(data: Uint8Array, to: SockAddr): number {
    // @solution m1 begin: send one datagram (EMSGSIZE, pending error, automatic bind, UDP header)
    checkDestination(to);
    const room = maxUdpPayload(this.host.mtu);
    if (data.length > room) {
      throw new SocketError('EMSGSIZE', `${data.length} bytes exceed the ${room} a datagram can carry on this link`);
    }
    this.throwPendingError();
    if (!this.isBound) this.bind({ address: INADDR_ANY, port: 0 });
    const datagram = { sourcePort: this.local.port, destinationPort: to.port, payload: data };
    // The host has one address, so that is the source whether the socket is bound to it or to 0.0.0.0.
    this.host.sendIp(IPPROTO_UDP, to.address, encodeUdp(datagram, this.host.address, to.address));
    this.host.counters.UdpOutDatagrams++;
    return data.length;
    // @solution end
  }

  /**
   * Take the next datagram: its first `max` bytes, its sender, and whether it was cut.
   * @throws SocketError the pending error, once, if ICMP reported one; EAGAIN when the queue is empty.
   */
  recvfrom(max: number): RecvFromResult {
    // @solution m1 begin: receive one datagram (pending error, EAGAIN, truncation)
    this.throwPendingError();
    const datagram = this.queue.shift();
    if (!datagram) throw new SocketError('EAGAIN', 'no datagram is queued');
    this.queuedBytes -= datagram.data.length;
    // A copy: the program must not hold a window into the packet the kernel received.
    return { data: datagram.data.slice(0, max), from: datagram.from, truncated: datagram.data.length > max };
    // @solution end
  }

  /**
   * Queue a datagram that arrived for this socket, if the receive queue has room: its payload
   * must fit within SO_RCVBUF together with what is queued. An empty queue takes any datagram,
   * so that one larger than SO_RCVBUF can still be received.
   *
   * @returns false when the datagram was dropped because the queue is full.
   */
  deliver(datagram: QueuedDatagram): boolean {
    // @solution m1 begin: queue an arriving datagram within SO_RCVBUF
    const fits = this.queuedBytes + datagram.data.length <= this.receiveBufferSize;
    if (!fits && this.queue.length > 0) return false;
    this.queue.push(datagram);
    this.queuedBytes += datagram.data.length;
    return true;
    // @solution end
  }

  /** EPOLLIN when a datagram is queued, EPOLLERR when an error is pending, and always EPOLLOUT. */
  poll(): number {
    // @solution m1 begin: report the readiness of a UDP socket
    // No send queue: a datagram leaves at once, so sending never has to wait.
    let mask = EPOLLOUT;
    if (this.queue.length > 0) mask |= EPOLLIN;
    if (this.pendingError) mask |= EPOLLERR;
    return mask;
    // @solution end
  }

  /**
   * Report an error that arrived asynchronously (by ICMP) the way Linux does: the next send or
   * receive fails with it, once, and is not carried out.
   */
  throwPendingError(): void {
    const error = this.pendingError;
    if (!error) return;
    this.pendingError = undefined;
    throw new SocketError(error, 'reported by ICMP for an earlier datagram');
  }

  setsockopt<Name extends SocketOption>(name: Name, value: SocketOptions[Name]): void {
    setOption(this.#options, name, value);
  }

  getsockopt<Name extends SocketOption>(name: Name): SocketOptions[Name] {
    return getOption(this.#options, name);
  }

  getsockname(): SockAddr {
    return { ...this.local };
  }

  getpeername(): SockAddr {
    if (!this.peer) throw new SocketError('ENOTCONN', 'the socket is not connected');
    return { ...this.peer };
  }

  close(): void {
    if (this.isBound) this.ports.release(this);
    this.queue.length = 0;
    this.queuedBytes = 0;
  }

  /** SO_ERROR: the pending error as a Linux errno number (0 for none), cleared by reading it. */
  #takeErrorNumber(): number {
    const error = this.pendingError;
    this.pendingError = undefined;
    return error ? errnoNumber(error) : 0;
  }
}
