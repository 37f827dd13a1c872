/**
 * A scripted fake of a TCP kernel, just enough to test the runner's TCP lines without a real
 * stack: passive and active open, in-order data, ACKs, RST for closed ports, and a refused
 * connect. Its ISN is fixed (near 2^32, to cross the wraparound), and its SYN-ACK can be delayed
 * through its own timer, to test timing windows. No retransmission, no windows, no close.
 */
import { EPOLLERR, EPOLLIN, EPOLLOUT, SocketError, zeroCounters, type Errno, type Fd, type Kernel, type KernelEnv, type SockAddr } from '../../../contract';
import { buildTcp, decodePacket, TcpFlag, type TcpHeader } from '../../../wire';

export interface FakeTcpOptions {
  /** The ISN of every connection (default 0xffffffd0: 48 bytes of data wrap the sequence space). */
  readonly isn?: number;
  /** The window every segment advertises (default 65535). */
  readonly window?: number;
  /** How long the SYN-ACK waits after the SYN (default 0). */
  readonly synAckDelayMs?: number;
}

interface Conn {
  readonly local: SockAddr;
  readonly remote: SockAddr;
  state: 'SYN_SENT' | 'SYN_RECEIVED' | 'ESTABLISHED' | 'CLOSED';
  sndNxt: number;
  rcvNxt: number;
  readonly received: Uint8Array[];
  error?: Errno;
  readonly listener?: Sock;
}

interface Sock {
  port?: number;
  listening: boolean;
  readonly queue: Conn[];
  conn?: Conn;
}

/** A CreateKernel for the fake. */
export function fakeTcpKernel(options: FakeTcpOptions = {}): (env: KernelEnv) => Kernel {
  return (env) => new FakeTcp(env, options.isn ?? 0xffffffd0, options.window ?? 65535, options.synAckDelayMs ?? 0).kernel();
}

class FakeTcp {
  private readonly socks = new Map<Fd, Sock>();
  private readonly conns: Conn[] = [];
  private readonly timers: { at: number; run: () => void }[] = [];

  constructor(
    private readonly env: KernelEnv,
    private readonly isn: number,
    private readonly window: number,
    private readonly synAckDelayMs: number,
  ) {}

  kernel(): Kernel {
    const unsupported = (): never => {
      throw new SocketError('EOPNOTSUPP', 'not in the fake');
    };
    return {
      receive: (packet) => this.receive(packet),
      nextDeadline: () => this.timers[0]?.at,
      tick: () => {
        while (this.timers[0] && this.timers[0].at <= this.env.now()) this.timers.shift()!.run();
      },
      socket: () => {
        const fd = this.lowestFreeFd();
        this.socks.set(fd, { listening: false, queue: [] });
        return fd;
      },
      bind: (fd, addr) => {
        this.sock(fd).port = addr.port;
      },
      listen: (fd) => {
        this.sock(fd).listening = true;
      },
      accept: (fd) => {
        const conn = this.sock(fd).queue.shift();
        if (!conn) throw new SocketError('EAGAIN');
        const newFd = this.lowestFreeFd();
        this.socks.set(newFd, { listening: false, queue: [], conn });
        return { fd: newFd, peer: conn.remote };
      },
      connect: (fd, addr) => {
        const sock = this.sock(fd);
        const conn: Conn = { local: { address: this.env.address, port: sock.port ?? 49152 }, remote: addr, state: 'SYN_SENT', sndNxt: this.isn, rcvNxt: 0, received: [] };
        sock.conn = conn;
        this.conns.push(conn);
        this.send(conn, TcpFlag.SYN);
        conn.sndNxt = (this.isn + 1) >>> 0;
        throw new SocketError('EINPROGRESS');
      },
      send: (fd, data) => {
        const conn = this.established(fd);
        this.send(conn, TcpFlag.PSH | TcpFlag.ACK, Uint8Array.from(data));
        conn.sndNxt = (conn.sndNxt + data.length) >>> 0;
        return data.length;
      },
      recv: (fd, max) => {
        const data = this.established(fd).received.shift();
        if (!data) throw new SocketError('EAGAIN');
        return data.subarray(0, max);
      },
      poll: (fd) => {
        const sock = this.sock(fd);
        const conn = sock.conn;
        return (sock.queue.length > 0 || (conn?.received.length ?? 0) > 0 ? EPOLLIN : 0) | (conn?.state === 'ESTABLISHED' ? EPOLLOUT : 0) | (conn?.error ? EPOLLERR | EPOLLOUT : 0);
      },
      getsockopt: (fd) => {
        const conn = this.sock(fd).conn;
        const error = conn?.error;
        if (conn) delete conn.error;
        return (error === 'ECONNREFUSED' ? 111 : 0) as never;
      },
      close: (fd) => {
        this.sock(fd);
        this.socks.delete(fd);
      },
      counters: zeroCounters,
      sendto: unsupported,
      recvfrom: unsupported,
      shutdown: unsupported,
      setsockopt: unsupported,
      getsockname: unsupported,
      getpeername: unsupported,
      epollCreate: unsupported,
      epollCtl: unsupported,
      epollWait: unsupported,
      tcpInfo: unsupported,
    };
  }

  private lowestFreeFd(): Fd {
    let fd = 3;
    while (this.socks.has(fd)) fd++;
    return fd;
  }

  private sock(fd: Fd): Sock {
    const sock = this.socks.get(fd);
    if (!sock) throw new SocketError('EBADF');
    return sock;
  }

  private established(fd: Fd): Conn {
    const conn = this.sock(fd).conn;
    if (conn?.state !== 'ESTABLISHED') throw new SocketError('ENOTCONN');
    return conn;
  }

  private send(conn: Conn, flags: number, payload = new Uint8Array(0), seq = conn.sndNxt): void {
    const options = (flags & TcpFlag.SYN) !== 0 ? [{ kind: 'mss' as const, value: 1460 }] : [];
    this.env.transmit(
      buildTcp({
        src: conn.local.address,
        dst: conn.remote.address,
        srcPort: conn.local.port,
        dstPort: conn.remote.port,
        seq,
        ack: (flags & TcpFlag.ACK) !== 0 ? conn.rcvNxt : 0,
        flags,
        window: this.window,
        options,
        payload,
      }),
    );
  }

  private receive(packet: Uint8Array): void {
    const decoded = decodePacket(packet);
    if (!decoded.ok || decoded.value.kind !== 'tcp') return;
    const { header: h, payload } = decoded.value.tcp;
    const remote = { address: decoded.value.ip.header.src, port: h.srcPort };
    const conn = this.conns.find((c) => c.local.port === h.dstPort && c.remote.address === remote.address && c.remote.port === remote.port);
    if (conn) return this.segment(conn, h, payload);
    const listener = [...this.socks.values()].find((s) => s.listening && s.port === h.dstPort);
    if (listener && (h.flags & TcpFlag.SYN) !== 0) return this.passiveOpen(listener, remote, h);
    if ((h.flags & TcpFlag.RST) === 0) this.reset(decoded.value.ip.header.dst, remote, h, payload.length);
  }

  private passiveOpen(listener: Sock, remote: SockAddr, h: TcpHeader): void {
    const conn: Conn = { local: { address: this.env.address, port: h.dstPort }, remote, state: 'SYN_RECEIVED', sndNxt: this.isn, rcvNxt: (h.seq + 1) >>> 0, received: [], listener };
    this.conns.push(conn);
    const synAck = (): void => {
      this.send(conn, TcpFlag.SYN | TcpFlag.ACK);
      conn.sndNxt = (this.isn + 1) >>> 0;
    };
    if (this.synAckDelayMs > 0) this.timers.push({ at: this.env.now() + this.synAckDelayMs, run: synAck });
    else synAck();
  }

  private segment(conn: Conn, h: TcpHeader, payload: Uint8Array): void {
    if ((h.flags & TcpFlag.RST) !== 0) {
      conn.state = 'CLOSED';
      conn.error = 'ECONNREFUSED';
      return;
    }
    if (conn.state === 'SYN_SENT' && (h.flags & TcpFlag.SYN) !== 0 && h.ack === conn.sndNxt) {
      conn.rcvNxt = (h.seq + 1) >>> 0;
      conn.state = 'ESTABLISHED';
      this.send(conn, TcpFlag.ACK);
    } else if (conn.state === 'SYN_RECEIVED' && (h.flags & TcpFlag.ACK) !== 0 && h.ack === conn.sndNxt) {
      conn.state = 'ESTABLISHED';
      conn.listener?.queue.push(conn);
    }
    if (conn.state === 'ESTABLISHED' && payload.length > 0 && h.seq === conn.rcvNxt) {
      conn.rcvNxt = (conn.rcvNxt + payload.length) >>> 0;
      conn.received.push(payload);
      this.send(conn, TcpFlag.ACK);
    }
  }

  /** RST for a segment no socket wants (RFC 9293 §3.10.7.1). */
  private reset(localAddress: string, remote: SockAddr, h: TcpHeader, length: number): void {
    const conn: Conn = { local: { address: localAddress, port: h.dstPort }, remote, state: 'CLOSED', sndNxt: 0, rcvNxt: 0, received: [] };
    if ((h.flags & TcpFlag.ACK) !== 0) return this.send(conn, TcpFlag.RST, undefined, h.ack);
    conn.rcvNxt = (h.seq + length + ((h.flags & TcpFlag.SYN) !== 0 ? 1 : 0)) >>> 0;
    this.send(conn, TcpFlag.RST | TcpFlag.ACK, undefined, 0);
  }
}
