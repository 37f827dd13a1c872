// Generated from reference/ports.ts by `npm run starter:build`. This file is yours now: edit it freely.
// Each TODO(mN) stub below throws NotImplemented until you write that part in milestone N. Its
// `void name;` lines only mark the parameters as used, so that the stub compiles: delete them with it.

/**
 * The UDP port table: which sockets hold which local port, and, for each arriving datagram,
 * which socket gets it (demultiplexing). Linux keeps the same in its `udp_table`. The choice of
 * an ephemeral port and the overlap of local addresses are shared with TCP's table (tcp/port-table.ts).
 */
import { NotImplemented, type SockAddr } from '../harness/contract';
import type { Host } from './host';
import type { UdpSocket } from './udp-socket';

/** The local ports of a host's UDP sockets. */
export class UdpPortTable {
  /**
   * The bound sockets of each local port, most recently bound first. A port has more than one
   * only when all of them set SO_REUSEADDR before binding. A port with none has no entry, so
   * `sockets.has(port)` tells whether anyone uses it.
   */
  readonly sockets = new Map<number, UdpSocket[]>();

  constructor(readonly host: Host) {}

  /**
   * Reserve the local address `requested` for `socket` and return the address it got: the same,
   * with port 0 replaced by a free ephemeral port. The socket's `local` is not changed here.
   *
   * @throws SocketError EINVAL if the socket is already bound; EADDRNOTAVAIL if the address is
   *   neither this host's nor 0.0.0.0; EADDRINUSE if a socket already holds an overlapping
   *   address on that port (unless both set SO_REUSEADDR) or no ephemeral port is free.
   */
  bind(socket: UdpSocket, requested: SockAddr): SockAddr {
    // TODO(m1): bind a UDP socket to a local address (EINVAL, EADDRNOTAVAIL, EADDRINUSE, port 0)
    void socket;
    void requested;
    throw new NotImplemented('m1', 'bind a UDP socket to a local address (EINVAL, EADDRNOTAVAIL, EADDRINUSE, port 0)');
  }

  /**
   * The socket that should get a datagram sent to `local` from `remote`, or undefined.
   *
   * A socket matches when its local address is `local.address` or 0.0.0.0 and, if it is
   * connected, its peer is `remote`. Among several matches the most specific wins: a connected
   * socket over an unconnected one, then a specific local address over 0.0.0.0; on a tie, the
   * one bound last (as on Linux).
   */
  lookup(local: SockAddr, remote: SockAddr): UdpSocket | undefined {
    // TODO(m1): find the socket for an arriving datagram (the most specific match wins)
    void local;
    void remote;
    throw new NotImplemented('m1', 'find the socket for an arriving datagram (the most specific match wins)');
  }

  /** Give up the port `socket` holds (when it closes). */
  release(socket: UdpSocket): void {
    const holders = this.sockets.get(socket.local.port)?.filter((holder) => holder !== socket) ?? [];
    if (holders.length > 0) this.sockets.set(socket.local.port, holders);
    else this.sockets.delete(socket.local.port);
  }
}

/**
 * A port in 49152–65535 that `isTaken` says is free. The search starts at a random port (so that
 * port numbers are hard to guess, RFC 6056) and walks up from there, wrapping around. UDP and TCP
 * each pass their own table's idea of "taken".
 *
 * @throws SocketError EADDRINUSE when every ephemeral port is taken.
 */
export function chooseEphemeralPort(host: Host, isTaken: (port: number) => boolean): number {
  // TODO(m1): choose a free ephemeral port (random start, then linear probe)
  void host;
  void isTaken;
  throw new NotImplemented('m1', 'choose a free ephemeral port (random start, then linear probe)');
}

/**
 * Whether two local addresses of sockets on the same port collide: 0.0.0.0 means "every
 * address of the host", so it collides with any address, and any address with itself.
 */
export function addressesOverlap(a: string, b: string): boolean {
  // TODO(m1): decide whether two local addresses overlap (0.0.0.0 overlaps every address)
  void a;
  void b;
  throw new NotImplemented('m1', 'decide whether two local addresses overlap (0.0.0.0 overlaps every address)');
}
