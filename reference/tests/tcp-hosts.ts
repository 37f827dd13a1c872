/**
 * Two test hosts for TCP, a (10.0.0.1) and b (10.0.0.2) on one clock, and the steps most TCP
 * tests begin with.
 */
import type { Fd } from '../../harness/contract';
import { buildTcp, TcpFlag } from '../../harness/wire';
import { Clock, errnoOf, exchange, testHost, type TestHost } from './hosts';

/** Names for the ladder of {@link ladder}. */
export const NAMES = { '10.0.0.1': 'a', '10.0.0.2': 'b' };
/** Where b's server listens. */
export const SERVER = { address: '10.0.0.2', port: 8080 };

/** Hosts a and b on one clock. */
export function pair(): { clock: Clock; a: TestHost; b: TestHost } {
  const clock = new Clock();
  return { clock, a: testHost('10.0.0.1', 1, 1500, clock), b: testHost('10.0.0.2', 2, 1500, clock) };
}

/** A listener on b's {@link SERVER} port with `backlog`, SO_REUSEADDR set if `reuse`. */
export function listenOn(b: TestHost, backlog = 8, reuse = false): Fd {
  const fd = b.kernel.socket('tcp');
  if (reuse) b.kernel.setsockopt(fd, 'SO_REUSEADDR', true);
  b.kernel.bind(fd, { address: '0.0.0.0', port: SERVER.port });
  b.kernel.listen(fd, backlog);
  return fd;
}

/** An established connection from a client on a to a server on b, and the packets of its handshake. */
export function connected(reuse = false): ReturnType<typeof pair> & { listener: Fd; client: Fd; server: Fd; handshake: Uint8Array[] } {
  const hosts = pair();
  const { a, b } = hosts;
  const listener = listenOn(b, 8, reuse);
  const client = a.kernel.socket('tcp');
  if (errnoOf(() => a.kernel.connect(client, SERVER)) !== 'EINPROGRESS') throw new Error('connect did not start');
  const handshake = exchange(a, b);
  return { ...hosts, listener, client, server: b.kernel.accept(listener).fd, handshake };
}

/** A segment from `host`'s connection `fd` to its peer, at `seq` (default SND.NXT), crafted by the harness's codec. */
export function segmentFrom(host: TestHost, fd: Fd, flags: number, seq = host.kernel.tcpInfo(fd).sndNxt): Uint8Array {
  const local = host.kernel.getsockname(fd);
  const peer = host.kernel.getpeername(fd);
  const ack = flags & TcpFlag.ACK ? host.kernel.tcpInfo(fd).rcvNxt : 0;
  return buildTcp({ src: local.address, dst: peer.address, srcPort: local.port, dstPort: peer.port, seq, ack, flags });
}
