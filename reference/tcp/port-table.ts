/**
 * The TCP port table: which sockets hold which local port, which connection an arriving segment
 * belongs to, and which listener takes a new one (Linux keeps the same in its bind hash,
 * established hash and listening hash).
 *
 * A TCP connection is named by four numbers: local address and port, remote address and port.
 * Many connections share a local port (every connection accepted by a server on port 80), so a
 * segment is matched on all four first; only a segment of no known connection goes to a listener.
 */
import { INADDR_ANY, SocketError, type SockAddr } from '../../harness/contract';
import type { Host } from '../host';
import { addressesOverlap, chooseEphemeralPort } from '../ports';
import type { Tcb } from './tcb';

/** The key of a connection in {@link TcpPortTable.connections}: its 4-tuple as text. */
export function connectionKey(local: SockAddr, remote: SockAddr): string {
  return `${local.address}:${local.port}-${remote.address}:${remote.port}`;
}

/**
 * What the table reads of a socket. The table holds connections (connection.ts) and they hold
 * the table, so it names them only by this: a TcpPortTable<TcpConnection> keeps and returns
 * TcpConnections without importing them.
 */
export interface PortHolder {
  readonly local: SockAddr;
  readonly peer: SockAddr | undefined;
  readonly isBound: boolean;
  readonly reuseAddress: boolean;
  readonly tcb: Pick<Tcb, 'state'>;
}

/** The local ports of a host's TCP sockets, and its connections by 4-tuple. */
export class TcpPortTable<Holder extends PortHolder> {
  /**
   * Every socket that holds a local port, by port: bound, listening, connected, or in TIME_WAIT.
   * Accepted connections hold their listener's port too. A port nobody holds has no entry.
   */
  readonly bound = new Map<number, Set<Holder>>();
  /** The listening sockets of each port. */
  readonly listeners = new Map<number, Set<Holder>>();
  /** Every connection from SYN_SENT or SYN_RECEIVED until CLOSED, by {@link connectionKey}. */
  readonly connections = new Map<string, Holder>();

  constructor(readonly host: Host) {}

  /**
   * Reserve the local address `requested` for `socket` and return the address it got (port 0
   * replaced by a free ephemeral port). The socket's `local` is not changed here.
   *
   * Linux's rule for TCP: a port is shared only when both sockets set SO_REUSEADDR and the one
   * already there is not listening. That lets a restarted server bind its port while connections
   * of its previous run are still in TIME_WAIT (they inherited SO_REUSEADDR from its listener),
   * but never lets two servers listen on the same port.
   *
   * @throws SocketError EINVAL if the socket is already bound; EADDRNOTAVAIL if the address is
   *   neither this host's nor 0.0.0.0; EADDRINUSE on a conflict or when no ephemeral port is free.
   */
  bind(socket: Holder, requested: SockAddr): SockAddr {
    // @solution m2 begin: bind a TCP socket (EADDRINUSE unless both set SO_REUSEADDR and the holder is not listening)
    if (socket.isBound) throw new SocketError('EINVAL', `already bound to ${socket.local.address}:${socket.local.port}`);
    if (requested.address !== INADDR_ANY && requested.address !== this.host.address) {
      throw new SocketError('EADDRNOTAVAIL', `${requested.address} is not an address of this host`);
    }
    const port = requested.port === 0 ? chooseEphemeralPort(this.host, (taken) => this.bound.has(taken)) : requested.port;
    const holders = this.bound.get(port) ?? new Set<Holder>();
    for (const holder of holders) {
      if (!addressesOverlap(holder.local.address, requested.address)) continue;
      const shared = socket.reuseAddress && holder.reuseAddress && holder.tcb.state !== 'LISTEN';
      if (!shared) throw new SocketError('EADDRINUSE', `${holder.local.address}:${port} is in use (${holder.tcb.state})`);
    }
    this.bound.set(port, holders.add(socket));
    return { address: requested.address, port };
    // @solution end
  }

  /**
   * The socket an arriving segment from `remote` to `local` belongs to: the connection with
   * exactly that 4-tuple; else a listener on `local` ({@link TcpPortTable.findListener});
   * else undefined (and the segment is answered with RST).
   */
  lookup(local: SockAddr, remote: SockAddr): Holder | undefined {
    // @solution m2 begin: find the socket for an arriving segment (the connection's 4-tuple first, then a listener)
    return this.connections.get(connectionKey(local, remote)) ?? this.findListener(local);
    // @solution end
  }

  /** The listener for new connections to `local`: one bound to exactly that address, else one bound to 0.0.0.0. */
  findListener(local: SockAddr): Holder | undefined {
    // @solution m2 begin: find the listener for a local address (its own address before 0.0.0.0)
    let wildcard: Holder | undefined;
    for (const listener of this.listeners.get(local.port) ?? []) {
      if (listener.local.address === local.address) return listener;
      if (listener.local.address === INADDR_ANY) wildcard = listener;
    }
    return wildcard;
    // @solution end
  }

  /** Let `child`, a connection a listener created, hold the listener's port too (Linux's inet_inherit_port). */
  inheritPort(child: Holder): void {
    const holders = this.bound.get(child.local.port) ?? new Set<Holder>();
    this.bound.set(child.local.port, holders.add(child));
  }

  /** Start delivering segments from `peer` to `socket.local` to `socket`. */
  addConnection(socket: Holder, peer: SockAddr): void {
    this.connections.set(connectionKey(socket.local, peer), socket);
  }

  /** Stop delivering segments to `socket`'s connection (it is CLOSED). */
  removeConnection(socket: Holder): void {
    if (!socket.peer) return;
    const key = connectionKey(socket.local, socket.peer);
    if (this.connections.get(key) === socket) this.connections.delete(key);
  }

  /** Offer `socket` new connections to its local address. */
  addListener(socket: Holder): void {
    const listeners = this.listeners.get(socket.local.port) ?? new Set<Holder>();
    this.listeners.set(socket.local.port, listeners.add(socket));
  }

  /** Offer `socket` no more new connections. */
  removeListener(socket: Holder): void {
    deleteFromSetMap(this.listeners, socket.local.port, socket);
  }

  /** Forget `socket` entirely: its port, its listening, its connection (the kernel is done with it). */
  release(socket: Holder): void {
    this.removeConnection(socket);
    this.removeListener(socket);
    deleteFromSetMap(this.bound, socket.local.port, socket);
  }
}

/** Remove `socket` from the set of `port`, and the set when it becomes empty. */
function deleteFromSetMap<Holder>(map: Map<number, Set<Holder>>, port: number, socket: Holder): void {
  const sockets = map.get(port);
  if (!sockets) return;
  sockets.delete(socket);
  if (sockets.size === 0) map.delete(port);
}
