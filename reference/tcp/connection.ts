/**
 * A TCP connection: the state behind a socket, which the work of each call, the input path and
 * the timers all read and write (Linux's `struct sock`; the socket an fd names, socket.ts, is its
 * `struct socket`). The fields are public because those files read and write them; they call a
 * connection `socket`, as the program does.
 *
 * A connection outlives its socket: after close() it still has to send its FIN and wait in
 * TIME_WAIT. Such a connection is an "orphan": the port table keeps it until it reaches CLOSED.
 *
 * tcp/ is layered: no file imports one of a layer above its own, not even for a type.
 *
 * 1. a connection's data: sequence numbers, segments, the queues, the retransmission timer, the
 *    congestion-control variables, the TCB (tcb.ts), and what is computed from the TCB alone
 *    (in-flight.ts, rtt.ts, congestion-window.ts);
 * 2. the port table (port-table.ts), which holds connections by what it reads of them;
 * 3. this file: the connection, which holds the port table and knows the timers that watch it
 *    only by {@link TimerWatch}, since they fire the work of the layers above;
 * 4. what reads or sets a connection's state and sends nothing: its timers' deadlines
 *    (deadlines.ts), the MSS, the receive window, readiness, tcpInfo, socket options;
 * 5. putting segments on the wire (output.ts), then the work that sends them or moves the state on,
 *    each file using only those before it: state.ts, delayed-ack.ts, persist.ts, loss-resend.ts,
 *    transmit.ts, congestion.ts, open.ts, close.ts, receive.ts, validate.ts, listen.ts, ack.ts,
 *    syn-sent.ts, synchronized.ts;
 * 6. where work comes in: a segment (input.ts), a timer that fires (timers.ts), a program's call
 *    (socket.ts).
 */
import { INADDR_ANY, type Errno, type SockAddr } from '../../harness/contract';
import type { Host } from '../host';
import type { WaitQueue } from '../wait-queue';
import type { TcpPortTable } from './port-table';
import { Tcb } from './tcb';

/** SO_RCVBUF unless set: how many received bytes may wait for recv; it bounds the advertised window. */
export const TCP_DEFAULT_RCVBUF = 65536;
/** SO_SNDBUF unless set: how many bytes written by the program may wait to be sent and acknowledged. */
export const TCP_DEFAULT_SNDBUF = 65536;

/**
 * What connect() has told the program so far, apart from the TCP state (Linux's `sock->state`):
 * a second connect() after EINPROGRESS reports how the attempt went (see open.ts).
 */
export type ConnectStatus = 'unconnected' | 'connecting' | 'connected';

/** The kernel's timers (TcpTimers, timers.ts), as a connection sees them: told of each one it starts. */
export interface TimerWatch {
  /** Note that `connection` has (re)started a timer. */
  watch(connection: TcpConnection): void;
}

/** The state of one TCP socket: its connection, or its listening. */
export class TcpConnection {
  /** The local address: 0.0.0.0 port 0 until bound; this host's address once connected. */
  local: SockAddr = { address: INADDR_ANY, port: 0 };
  /** The remote end, from connect() or from the SYN that created this connection. */
  peer: SockAddr | undefined = undefined;
  /** The connection's state; replaced by a fresh one for each connection attempt. */
  tcb = new Tcb();
  /** The SYN and accept queues, while the socket listens. */
  listenQueue: ListenQueue | undefined = undefined;
  /** For a connection created by a listener and not accepted yet: that listener. */
  listener: TcpConnection | undefined = undefined;
  /** See {@link ConnectStatus}. */
  connectStatus: ConnectStatus = 'unconnected';
  /** An error the connection ended with (ECONNREFUSED, ETIMEDOUT, ...), until SO_ERROR or a call reports it. */
  pendingError: Errno | undefined = undefined;
  /**
   * No fd names this connection: the program closed its socket, or it waits in a listener's
   * queues. The kernel forgets an orphan when it reaches CLOSED.
   */
  orphan = false;
  /** The wait queue of the socket an fd names (set by socket.ts); none while the connection has no fd. */
  waitQueue: WaitQueue | undefined = undefined;
  /** SO_REUSEADDR (see TcpPortTable.bind). */
  reuseAddress = false;
  /** TCP_NODELAY: send small segments at once instead of holding them by Nagle's algorithm (transmit.ts). */
  noDelay = false;
  /** TCP_MAXSEG: an upper bound for the MSS, or 0 when not set. */
  maxSegment = 0;
  /** TCP_CONGESTION: the congestion-control algorithm, `reno` or `cubic`. */
  congestionAlgorithm = 'reno';
  /** SO_RCVBUF. */
  receiveBufferSize = TCP_DEFAULT_RCVBUF;
  /** SO_SNDBUF. */
  sendBufferSize = TCP_DEFAULT_SNDBUF;

  constructor(
    readonly host: Host,
    readonly ports: TcpPortTable<TcpConnection>,
    readonly timers: TimerWatch,
  ) {}

  /** Whether the socket holds a local port yet. */
  get isBound(): boolean {
    return this.local.port !== 0;
  }

  /**
   * A connection from `peer` to `local`, arriving at this listening socket. It inherits the
   * listener's port and options, as Linux's child sockets do (they are clones of the listener).
   */
  spawnChild(local: SockAddr, peer: SockAddr): TcpConnection {
    const child = new TcpConnection(this.host, this.ports, this.timers);
    child.local = { ...local };
    child.peer = { ...peer };
    child.listener = this;
    child.orphan = true;
    child.connectStatus = 'connected';
    child.reuseAddress = this.reuseAddress;
    child.noDelay = this.noDelay;
    child.maxSegment = this.maxSegment;
    child.congestionAlgorithm = this.congestionAlgorithm;
    child.receiveBufferSize = this.receiveBufferSize;
    child.sendBufferSize = this.sendBufferSize;
    this.ports.inheritPort(child);
    return child;
  }

  /** The peer of this connection; asked for only once there is one (else it is a bug). */
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

  /** Leave the listener's queues: this connection closed before it was accepted. */
  leaveListenQueue(): void {
    const queue = this.listener?.listenQueue;
    queue?.synQueue.delete(this);
    queue?.acceptQueue.delete(this);
    this.listener = undefined;
  }
}

/** A listening socket's queues (Linux's request queue and accept queue). */
export class ListenQueue {
  /** Connections whose handshake is under way (SYN received, SYN-ACK sent): the "SYN backlog". */
  readonly synQueue = new Set<TcpConnection>();
  /** Connections that are ESTABLISHED and wait for accept, oldest first (a Set keeps insertion order). */
  readonly acceptQueue = new Set<TcpConnection>();

  /** @param backlog - listen()'s backlog: bounds the accept queue (see listen.ts). */
  constructor(public backlog: number) {}
}
