/**
 * When the kernel sent or took in each packet, by its own clock: a packet socket on the TUN
 * interface sees a copy of every packet the moment the kernel hands it to the device, or takes it
 * from the device, stamped then (SO_TIMESTAMPNS). When the agent reads the device or finishes a
 * write depends on when it gets a CPU, which on a busy machine can be milliseconds later; so a
 * packet takes the stamp of its copy: the oldest copy in its direction not taken yet with the same
 * bytes.
 *
 * The kernel stamps with CLOCK_REALTIME; stamps are turned into CLOCK_MONOTONIC (the clock the
 * harness measures with) by the two clocks' difference, read as the copies are collected.
 */
import { monotonicUs } from './clock';
import { errnoName } from './errno-names';
import { addressOf, AF_PACKET, CLOCK_REALTIME, errno, libcCalls as libc, MSG_DONTWAIT, SOCK_CLOEXEC, SOCK_DGRAM, SOL_SOCKET, SO_TIMESTAMPNS } from './libc';

/** ETH_P_ALL in network order: every protocol. */
const ALL_PROTOCOLS = 0x0300;
/** sockaddr_ll's sll_pkttype for a packet this host sends; every other type is one it takes in. */
const PACKET_OUTGOING = 4;
const SOCKADDR_LL_SIZE = 20;
const PKTTYPE_OFFSET = 10;
/** SCM_TIMESTAMPNS has SO_TIMESTAMPNS's number. */
const SCM_TIMESTAMPNS = SO_TIMESTAMPNS;
/** How many event-loop turns {@link KernelStamps.waitFor} spins before it sleeps between looks. */
const SPIN_TURNS = 50;
/** Copies kept per direction without a match (a packet the device dropped leaves one behind). */
const MAX_PENDING = 256;

/** struct msghdr's size and field offsets, and struct cmsghdr's header size, on 64-bit Linux. */
const MSGHDR = { size: 56, name: 0, namelen: 8, iov: 16, iovlen: 24, control: 32, controllen: 40 } as const;
const CMSG_HEADER = 16;

/** Which way a packet crossed the interface. */
export type Direction = 'sent' | 'received';

interface Copy {
  readonly bytes: Buffer;
  readonly stampUs: number;
}

export class KernelStamps {
  private readonly pending: Record<Direction, Copy[]> = { sent: [], received: [] };
  private readonly data = Buffer.alloc(65536);
  private readonly address = Buffer.alloc(32);
  private readonly control = Buffer.alloc(64);
  private readonly iovec = Buffer.alloc(16);
  private readonly header = Buffer.alloc(MSGHDR.size);
  private readonly timespec = Buffer.alloc(16);

  private constructor(private readonly fd: number) {
    // The header points at the buffers, which live as long as this object.
    this.iovec.writeBigUInt64LE(addressOf(this.data), 0);
    this.iovec.writeBigUInt64LE(BigInt(this.data.length), 8);
    this.header.writeBigUInt64LE(addressOf(this.address), MSGHDR.name);
    this.header.writeBigUInt64LE(addressOf(this.iovec), MSGHDR.iov);
    this.header.writeBigUInt64LE(1n, MSGHDR.iovlen);
    this.header.writeBigUInt64LE(addressOf(this.control), MSGHDR.control);
  }

  /**
   * Watch the packets crossing interface `ifname`. The interface must be up: a packet socket
   * bound to an interface that is down starts with an error.
   */
  static open(ifname: string): KernelStamps {
    const index = libc.ifNametoindex(ifname);
    if (index === 0) throw new Error(`no interface ${ifname}: ${errnoName(errno())}`);
    const fd = libc.socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, ALL_PROTOCOLS);
    if (fd < 0) throw new Error(`socket(AF_PACKET) failed with ${errnoName(errno())}`);
    const address = Buffer.alloc(SOCKADDR_LL_SIZE);
    address.writeUInt16LE(AF_PACKET, 0);
    address.writeUInt16LE(ALL_PROTOCOLS, 2);
    address.writeInt32LE(index, 4);
    const on = Buffer.alloc(4);
    on.writeInt32LE(1, 0);
    if (libc.bind(fd, address, SOCKADDR_LL_SIZE) < 0 || libc.setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, on, 4) < 0) {
      throw new Error(`cannot watch ${ifname} with a packet socket: ${errnoName(errno())}`);
    }
    return new KernelStamps(fd);
  }

  /** The kernel's stamp (CLOCK_MONOTONIC, µs) of `bytes` crossing `direction`, or undefined if no copy was seen. */
  stampOf(bytes: Uint8Array, direction: Direction): number | undefined {
    this.collect();
    const pending = this.pending[direction];
    const at = pending.findIndex((copy) => copy.bytes.equals(bytes));
    if (at < 0) return undefined;
    // Copies before the match are of packets that never got through the device.
    return pending.splice(0, at + 1)[at]!.stampUs;
  }

  /**
   * The stamp of `bytes` crossing `direction`, waiting up to `timeoutMs` for its copy: a packet
   * written into the device is taken in by the kernel's softirq, which a busy machine may run
   * late, on another CPU. `look()` is called before each look for the copy.
   */
  async waitFor(bytes: Uint8Array, direction: Direction, timeoutMs: number, look: () => void): Promise<number | undefined> {
    const endMs = performance.now() + timeoutMs;
    for (let turns = 0; ; turns++) {
      look();
      const stampUs = this.stampOf(bytes, direction);
      if (stampUs !== undefined || performance.now() >= endMs) return stampUs;
      // Spin on the event loop for the first turns (the copy is usually µs away), then sleep 1 ms.
      await new Promise((resolve) => (turns < SPIN_TURNS ? setImmediate(resolve) : setTimeout(resolve, 1)));
    }
  }

  /** Take every copy the socket holds. */
  private collect(): void {
    const offsetUs = this.realtimeUs() - monotonicUs();
    for (;;) {
      this.header.writeUInt32LE(this.address.length, MSGHDR.namelen);
      this.header.writeBigUInt64LE(BigInt(this.control.length), MSGHDR.controllen);
      const length = libc.recvmsg(this.fd, this.header, MSG_DONTWAIT);
      if (length < 0) break; // EAGAIN: nothing more
      const stampUs = this.stamp();
      if (stampUs === undefined) continue;
      const pending = this.pending[this.address.readUInt8(PKTTYPE_OFFSET) === PACKET_OUTGOING ? 'sent' : 'received'];
      pending.push({ bytes: Buffer.from(this.data.subarray(0, length)), stampUs: stampUs - offsetUs });
      if (pending.length > MAX_PENDING) pending.shift();
    }
  }

  /** The SCM_TIMESTAMPNS of the message just received (CLOCK_REALTIME, µs). */
  private stamp(): number | undefined {
    const controlLength = Number(this.header.readBigUInt64LE(MSGHDR.controllen));
    for (let at = 0; at + CMSG_HEADER <= controlLength; ) {
      const length = Number(this.control.readBigUInt64LE(at));
      if (length < CMSG_HEADER) return undefined;
      if (this.control.readInt32LE(at + 8) === SOL_SOCKET && this.control.readInt32LE(at + 12) === SCM_TIMESTAMPNS) {
        return Number(this.control.readBigInt64LE(at + CMSG_HEADER)) * 1e6 + Number(this.control.readBigInt64LE(at + CMSG_HEADER + 8)) / 1000;
      }
      at += (length + 7) & ~7;
    }
    return undefined;
  }

  private realtimeUs(): number {
    libc.clockGettime(CLOCK_REALTIME, this.timespec);
    return Number(this.timespec.readBigInt64LE(0)) * 1e6 + Number(this.timespec.readBigInt64LE(8)) / 1000;
  }
}
