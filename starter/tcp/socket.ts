// Generated from reference/tcp/socket.ts by `npm run starter:build`. This file is yours now: edit it freely.

/**
 * A TCP socket: what an fd names. The work of each call is done in the file of its concern
 * (open.ts for connect, listen.ts for listen and accept, transmit.ts for send, receive.ts for
 * recv, close.ts for shutdown and close, poll.ts for readiness), on the connection behind the
 * socket (connection.ts), which the input path and the timers work on too.
 *
 * This is the top of tcp/'s layers (see connection.ts): it imports the operations, and no
 * operation imports it.
 */
import {
  SocketError,
  type RecvFromResult,
  type ShutdownHow,
  type SockAddr,
  type SocketOption,
  type SocketOptions,
  type TcpInfo,
} from '../../harness/contract';
import type { AcceptedConnection, Socket } from '../socket';
import { getOption, setOption, type OptionTable } from '../socket-options';
import { WaitQueue } from '../wait-queue';
import { closeSocket, shutdown } from './close';
import type { TcpConnection } from './connection';
import { tcpInfo } from './info';
import { accept, listen } from './listen';
import { connect } from './open';
import { pollTcp } from './poll';
import { receiveData } from './receive';
import { tcpOptionTable } from './socket-options';
import { sendData } from './transmit';

/** One TCP socket. */
export class TcpSocket implements Socket {
  readonly fileType = 'socket';
  readonly #connection: TcpConnection;
  readonly #options: OptionTable;
  readonly waitQueue: WaitQueue;

  /** @param connection - the connection behind the socket: a new one, or one taken from a listener's accept queue. */
  constructor(connection: TcpConnection) {
    this.#connection = connection;
    this.#options = tcpOptionTable(connection);
    // Input waiting to be read: received bytes, or connections waiting for accept.
    const waitingInput = (): number => connection.tcb.receiveQueue.length + (connection.listenQueue?.acceptQueue.size ?? 0);
    // What Linux's sk_state_change announces: the connection's state, and which directions are shut.
    // TIME_WAIT is CLOSED to the program, as on Linux, where a timewait sock of its own waits out
    // 2·MSL: its end wakes nobody.
    const state = (): string => {
      const { tcb } = connection;
      return `${tcb.state === 'TIME_WAIT' ? 'CLOSED' : tcb.state} ${tcb.sendShut} ${tcb.receiveShut}`;
    };
    this.waitQueue = new WaitQueue(connection.host, () => this.poll(), waitingInput, state);
    connection.waitQueue = this.waitQueue;
  }

  bind(addr: SockAddr): void {
    const connection = this.#connection;
    connection.local = connection.ports.bind(connection, addr);
  }

  connect(to: SockAddr): void {
    connect(this.#connection, to);
  }

  listen(backlog: number): void {
    listen(this.#connection, backlog);
  }

  accept(): AcceptedConnection {
    const socket = new TcpSocket(accept(this.#connection));
    return { socket, peer: socket.getpeername() };
  }

  send(data: Uint8Array): number {
    return sendData(this.#connection, data);
  }

  recv(max: number): Uint8Array {
    return receiveData(this.#connection, max);
  }

  /** As send: Linux ignores the address on a connected stream socket. */
  sendto(data: Uint8Array): number {
    return this.send(data);
  }

  /** As recv; the sender is the peer, and a byte stream is never truncated. */
  recvfrom(max: number): RecvFromResult {
    const data = this.recv(max);
    const { peer, local } = this.#connection;
    return { data, from: { ...(peer ?? local) }, truncated: false };
  }

  shutdown(how: ShutdownHow): void {
    shutdown(this.#connection, how);
  }

  close(): void {
    closeSocket(this.#connection);
  }

  setsockopt<Name extends SocketOption>(name: Name, value: SocketOptions[Name]): void {
    setOption(this.#options, name, value);
  }

  getsockopt<Name extends SocketOption>(name: Name): SocketOptions[Name] {
    return getOption(this.#options, name);
  }

  getsockname(): SockAddr {
    return { ...this.#connection.local };
  }

  /** The peer, once the handshake has got past SYN_SENT and until the connection is CLOSED (as on Linux). */
  getpeername(): SockAddr {
    const { peer } = this.#connection;
    const { state } = this.#connection.tcb;
    if (!peer || state === 'CLOSED' || state === 'SYN_SENT' || state === 'LISTEN') {
      throw new SocketError('ENOTCONN', 'the socket is not connected');
    }
    return { ...peer };
  }

  poll(): number {
    return pollTcp(this.#connection);
  }

  tcpInfo(): TcpInfo {
    return tcpInfo(this.#connection);
  }
}
