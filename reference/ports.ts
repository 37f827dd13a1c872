/**
 * The UDP port table: which sockets hold which local port, and, for each arriving datagram,
 * which socket gets it (demultiplexing). Linux keeps the same in its `udp_table`. The choice of
 * an ephemeral port and the overlap of local addresses are shared with TCP's table (tcp/port-table.ts).
 */
import { EPHEMERAL_PORT_MAX, EPHEMERAL_PORT_MIN, INADDR_ANY, SocketError, type SockAddr } from '../harness/contract';
import { sameSockAddr } from './address';
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
    // @solution m1 begin: bind a UDP socket to a local address (EINVAL, EADDRNOTAVAIL, EADDRINUSE, port 0)
    if (socket.isBound) throw new SocketError('EINVAL', `already bound to ${socket.local.address}:${socket.local.port}`);
    if (requested.address !== INADDR_ANY && requested.address !== this.host.address) {
      throw new SocketError('EADDRNOTAVAIL', `${requested.address} is not an address of this host`);
    }
    const port = requested.port === 0 ? chooseEphemeralPort(this.host, (taken) => this.sockets.has(taken)) : requested.port;
    const holders = this.sockets.get(port) ?? [];
    const conflict = holders.find(
      (holder) => addressesOverlap(holder.local.address, requested.address) && !(holder.reuseAddress && socket.reuseAddress),
    );
    if (conflict) throw new SocketError('EADDRINUSE', `${conflict.local.address}:${port} is in use`);
    this.sockets.set(port, [socket, ...holders]);
    return { address: requested.address, port };
    // @solution end
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
    // @solution m1 begin: find the socket for an arriving datagram (the most specific match wins)
    let best: UdpSocket | undefined;
    let bestScore = -1;
    for (const socket of this.sockets.get(local.port) ?? []) {
      if (socket.local.address !== INADDR_ANY && socket.local.address !== local.address) continue;
      if (socket.peer && !sameSockAddr(socket.peer, remote)) continue;
      const score = (socket.peer ? 2 : 0) + (socket.local.address === local.address ? 1 : 0);
      // Strictly greater: on a tie the earlier entry, the one bound last, keeps the datagram.
      if (score > bestScore) {
        best = socket;
        bestScore = score;
      }
    }
    return best;
    // @solution end
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
  // @solution m1 begin: choose a free ephemeral port (random start, then linear probe)
  const count = EPHEMERAL_PORT_MAX - EPHEMERAL_PORT_MIN + 1;
  const start = Math.floor(host.random() * count);
  for (let step = 0; step < count; step++) {
    const port = EPHEMERAL_PORT_MIN + ((start + step) % count);
    if (!isTaken(port)) return port;
  }
  throw new SocketError('EADDRINUSE', 'no ephemeral port is free');
  // @solution end
}

/**
 * Whether two local addresses of sockets on the same port collide: 0.0.0.0 means "every
 * address of the host", so it collides with any address, and any address with itself.
 */
export function addressesOverlap(a: string, b: string): boolean {
  // @solution m1 begin: decide whether two local addresses overlap (0.0.0.0 overlaps every address)
  return a === b || a === INADDR_ANY || b === INADDR_ANY;
  // @solution end
}
