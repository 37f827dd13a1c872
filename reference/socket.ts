/**
 * What every kind of socket offers the kernel: the socket calls, and `poll`.
 *
 * The kernel finds the socket behind an fd and calls the method of the same name; the socket
 * answers for its protocol. Linux does the same with `struct proto_ops` (inet_dgram_ops for
 * UDP, inet_stream_ops for TCP). A call that makes no sense for a protocol (listen on UDP)
 * throws EOPNOTSUPP.
 */
import type { RecvFromResult, ShutdownHow, SockAddr, SocketOption, SocketOptions, TcpInfo } from '../harness/contract';
import type { OpenFile } from './open-file';
import type { WaitQueue } from './wait-queue';

/** A connection taken from a listener's queue, before the kernel gives it an fd. */
export interface AcceptedConnection {
  readonly socket: Socket;
  readonly peer: SockAddr;
}

/** A socket, of any protocol. Each method is the syscall of the same name on the socket's fd. */
export interface Socket extends OpenFile {
  readonly fileType: 'socket';
  bind(addr: SockAddr): void;
  connect(addr: SockAddr): void;
  listen(backlog: number): void;
  accept(): AcceptedConnection;
  send(data: Uint8Array): number;
  recv(max: number): Uint8Array;
  sendto(data: Uint8Array, to: SockAddr): number;
  recvfrom(max: number): RecvFromResult;
  shutdown(how: ShutdownHow): void;
  setsockopt<Name extends SocketOption>(name: Name, value: SocketOptions[Name]): void;
  getsockopt<Name extends SocketOption>(name: Name): SocketOptions[Name];
  getsockname(): SockAddr;
  getpeername(): SockAddr;
  /** The readiness mask now: EPOLLIN, EPOLLOUT, EPOLLERR, EPOLLHUP, EPOLLRDHUP. */
  poll(): number;
  /** Who waits on the socket's readiness (epoll items; see wait-queue.ts). */
  readonly waitQueue: WaitQueue;
  tcpInfo(): TcpInfo;
}

/** True when the open file is a socket (and not, say, an epoll instance). */
export function isSocket(file: OpenFile): file is Socket {
  return file.fileType === 'socket';
}
