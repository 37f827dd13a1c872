/**
 * A TCP socket: what an fd names, and the connection behind it.
 *
 * The class holds the socket's state; the work of each call is done in the file of its concern
 * (open.ts for connect, listen.ts for listen and accept, transmit.ts for send, receive.ts for
 * recv, close.ts for shutdown and close, poll.ts for readiness), the same functions the input
 * path and the timers use. The fields are public because those files read and write them.
 *
 * A socket outlives its fd: after close() the connection still has to send its FIN and wait in
 * TIME_WAIT. Such a socket is an "orphan": the port table keeps it until it reaches CLOSED.
 */
import {
  INADDR_ANY,
  SocketError,
  type Errno,
  type RecvFromResult,
  type ShutdownHow,
  type SockAddr,
  type SocketOption,
  type SocketOptions,
  type TcpInfo,
} from '../../harness/contract';
import type { Host } from '../host';
import type { AcceptedConnection, Socket } from '../socket';
import { getOption, setOption, type OptionTable } from '../socket-options';
import { closeSocket, shutdown } from './close';
import { tcpInfo } from './info';
import { accept, listen } from './listen';
import { connect } from './open';
import { pollTcp } from './poll';
import type { TcpPortTable } from './port-table';
import { receiveData } from './receive';
import { tcpOptionTable } from './socket-options';
import { Tcb, type ListenQueue } from './tcb';
import type { TcpTimers } from './timers';
import { sendData } from './transmit';

/** SO_RCVBUF unless set: how many received bytes may wait for recv; it bounds the advertised window. */
export const TCP_DEFAULT_RCVBUF = 65536;
/** SO_SNDBUF unless set: how many bytes written by the program may wait to be sent and acknowledged. */
export const TCP_DEFAULT_SNDBUF = 65536;

/**
 * What connect() has told the program so far, apart from the TCP state (Linux's `sock->state`):
 * a second connect() after EINPROGRESS reports how the attempt went (see open.ts).
 */
export type ConnectStatus = 'unconnected' | 'connecting' | 'connected';

/** One TCP socket. */
export class TcpSocket implements Socket {
  readonly fileType = 'socket';
  /** The local address: 0.0.0.0 port 0 until bound; this host's address once connected. */
  local: SockAddr = { address: INADDR_ANY, port: 0 };
  /** The remote end, from connect() or from the SYN that created this connection. */
  peer: SockAddr | undefined = undefined;
  /** The connection's state; replaced by a fresh one for each connection attempt. */
  tcb = new Tcb();
  /** The SYN and accept queues, while the socket listens. */
  listenQueue: ListenQueue | undefined = undefined;
  /** For a connection created by a listener and not accepted yet: that listener. */
  listener: TcpSocket | undefined = undefined;
  /** See {@link ConnectStatus}. */
  connectStatus: ConnectStatus = 'unconnected';
  /** An error the connection ended with (ECONNREFUSED, ETIMEDOUT, ...), until SO_ERROR or a call reports it. */
  pendingError: Errno | undefined = undefined;
  /**
   * No fd names this socket: the program closed it, or it is a connection waiting in a
   * listener's queues. The kernel forgets an orphan when its connection reaches CLOSED.
   */
  orphan = false;
  /** SO_REUSEADDR (see TcpPortTable.bind). */
  reuseAddress = false;
  /** TCP_NODELAY: send small segments at once instead of holding them by Nagle's algorithm (transmit.ts). */
  noDelay = false;
  /** TCP_MAXSEG: an upper bound for the MSS, or 0 when not set. */
  maxSegment = 0;
  /** SO_RCVBUF. */
  receiveBufferSize = TCP_DEFAULT_RCVBUF;
  /** SO_SNDBUF. */
  sendBufferSize = TCP_DEFAULT_SNDBUF;

  readonly #options: OptionTable = tcpOptionTable(this);

  constructor(
    readonly host: Host,
    readonly ports: TcpPortTable,
    readonly timers: TcpTimers,
  ) {}

  /** Whether the socket holds a local port yet. */
  get isBound(): boolean {
    return this.local.port !== 0;
  }

  /**
   * A socket for a new connection from `peer` to `local`, arriving at this listening socket. It
   * inherits the listener's port and options, as Linux's child sockets do (they are clones of the listener).
   */
  spawnChild(local: SockAddr, peer: SockAddr): TcpSocket {
    const child = new TcpSocket(this.host, this.ports, this.timers);
    child.local = { ...local };
    child.peer = { ...peer };
    child.listener = this;
    child.orphan = true;
    child.connectStatus = 'connected';
    child.reuseAddress = this.reuseAddress;
    child.noDelay = this.noDelay;
    child.maxSegment = this.maxSegment;
    child.receiveBufferSize = this.receiveBufferSize;
    child.sendBufferSize = this.sendBufferSize;
    this.ports.inheritPort(child);
    return child;
  }

  /** The peer of this socket's connection; asked for only once there is one (else it is a bug). */
  remote(): SockAddr {
    if (!this.peer) throw new Error(`TCP socket ${this.local.address}:${this.local.port} has no peer`);
    return this.peer;
  }

  /** Take the pending error: it is reported once, then cleared. */
  takeError(): Errno | undefined {
    const error = this.pendingError;
    this.pendingError = undefined;
    return error;
  }

  bind(addr: SockAddr): void {
    this.local = this.ports.bind(this, addr);
  }

  connect(to: SockAddr): void {
    connect(this, to);
  }

  listen(backlog: number): void {
    listen(this, backlog);
  }

  accept(): AcceptedConnection {
    return accept(this);
  }

  send(data: Uint8Array): number {
    return sendData(this, data);
  }

  recv(max: number): Uint8Array {
    return receiveData(this, max);
  }

  /** As send: Linux ignores the address on a connected stream socket. */
  sendto(data: Uint8Array): number {
    return this.send(data);
  }

  /** As recv; the sender is the peer, and a byte stream is never truncated. */
  recvfrom(max: number): RecvFromResult {
    const data = this.recv(max);
    return { data, from: { ...(this.peer ?? this.local) }, truncated: false };
  }

  shutdown(how: ShutdownHow): void {
    shutdown(this, how);
  }

  close(): void {
    closeSocket(this);
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

  /** The peer, once the handshake has got past SYN_SENT and until the connection is CLOSED (as on Linux). */
  getpeername(): SockAddr {
    const { state } = this.tcb;
    if (!this.peer || state === 'CLOSED' || state === 'SYN_SENT' || state === 'LISTEN') {
      throw new SocketError('ENOTCONN', 'the socket is not connected');
    }
    return { ...this.peer };
  }

  poll(): number {
    return pollTcp(this);
  }

  tcpInfo(): TcpInfo {
    return tcpInfo(this);
  }
}
