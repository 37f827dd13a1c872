/** TCP sockets through the process view, set up the way most milestone 2 tests begin. */
import { INADDR_ANY, type Fd, type SockAddr, type TcpState } from '../../../../harness/contract';
import type { Sys } from '../../../../harness/runtime';
import { expectErrno } from '../../../m1-udp/tests/support/errno';

/** A TCP socket of `sys` listening on 0.0.0.0:`port`. */
export async function listenOn(sys: Sys, port: number, { backlog = 8, reuse = false } = {}): Promise<Fd> {
  const fd = await sys.socket('tcp');
  if (reuse) await sys.setsockopt(fd, 'SO_REUSEADDR', true);
  await sys.bind(fd, { address: INADDR_ANY, port });
  await sys.listen(fd, backlog);
  return fd;
}

/**
 * A new TCP socket whose connect to `to` has begun (EINPROGRESS, the SYN is out), bound first to
 * `localPort` when given. Its calls block afterwards, as on any socket.
 */
export async function startConnect(sys: Sys, to: SockAddr, localPort?: number): Promise<Fd> {
  const fd = await sys.socket('tcp');
  if (localPort !== undefined) await sys.bind(fd, { address: INADDR_ANY, port: localPort });
  sys.fcntl(fd, 'O_NONBLOCK');
  await expectErrno(sys.connect(fd, to), 'EINPROGRESS', 'a nonblocking connect');
  sys.fcntl(fd, 'O_NONBLOCK', false);
  return fd;
}

/** The smallest RTO a connection may use: RFC 6298 §2.4 as Linux and socklab have it (the RFC says 1 s). */
export const MIN_RTO_MS = 200;
/** The largest RTO before any backoff: RFC 6298 §5.7's 3 s, after a handshake whose SYN was retransmitted. */
export const MAX_BASE_RTO_MS = 3000;

/**
 * The retransmission timeout of `fd`'s connection, as tcpInfo reports it. In this milestone it
 * is 1 s (RFC 6298's initial RTO); from milestone 3 on it comes from measured round-trip times,
 * so the tests of this milestone time retransmissions by what the stack reports, within bounds.
 */
export async function rtoOf(sys: Sys, fd: Fd): Promise<number> {
  const { rto } = await sys.tcpInfo(fd);
  if (!(rto >= MIN_RTO_MS && rto <= MAX_BASE_RTO_MS)) {
    throw new Error(`tcpInfo(fd).rto is ${rto} ms; the RTO of a connection that has not timed out lies between ${MIN_RTO_MS} ms and ${MAX_BASE_RTO_MS} ms`);
  }
  return rto;
}

/** The TCP state of `fd`, as tcpInfo reports it. */
export async function stateOf(sys: Sys, fd: Fd): Promise<TcpState> {
  return (await sys.tcpInfo(fd)).state;
}

/** Read from `fd` until `length` bytes have come or the stream ends; returns what came. */
export async function readExactly(sys: Sys, fd: Fd, length: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let got = 0;
  while (got < length) {
    const chunk = await sys.recv(fd, length - got);
    if (chunk.length === 0) break;
    chunks.push(chunk);
    got += chunk.length;
  }
  return Buffer.concat(chunks);
}
