/**
 * The TUN device: opened from the clone device with TUNSETIFF (IFF_TUN|IFF_NO_PI), so that each
 * read returns one bare IPv4 packet and each write injects one. No vnet header is asked for, so
 * Linux hands over real segments (at most one MSS each) with complete checksums, as a NIC sees them.
 *
 * The fd is nonblocking. Readability is watched on Node's event loop, and every wake-up (and
 * every {@link TunDevice.drain}) reads until the queue is empty, so a drain forwards everything
 * Linux has queued by then. Times are the kernel's (kernel-stamps.ts): when it sent a packet,
 * not when the agent got round to reading it; when it took an injected packet in.
 */
import * as fs from 'node:fs';
import { errno, IFF_NO_PI, IFF_TUN, libcCalls as libc, TUNSETIFF, watchReadable } from './libc';
import { monotonicUs } from './clock';
import { errnoName } from './errno-names';
import { KernelStamps } from './kernel-stamps';

/** sizeof(struct ifreq): a 16-byte name, then a union whose first member is ifr_flags. */
const IFREQ_SIZE = 40;
const IFNAMSIZ = 16;
/** How long a write waits for the kernel to take the packet in before it gives up knowing when. */
const TAKE_IN_WAIT_MS = 200;
/** The largest IPv4 packet. */
const MAX_PACKET = 65535;

/** A packet read from the device, and when (CLOCK_MONOTONIC, µs). */
export type PacketSink = (packet: Uint8Array, timeUs: number) => void;

export class TunDevice {
  private readonly buffer = Buffer.alloc(MAX_PACKET);
  // Holds koffi's poll handle: were it collected, the device would stop being watched.
  private watcher: object | undefined;
  private stamps: KernelStamps | undefined;

  private constructor(
    private readonly fd: number,
    private readonly ifname: string,
    private readonly sink: PacketSink,
  ) {}

  /** Create the interface `ifname` from `device` (e.g. /dev/net/tun); its packets go to `sink`. */
  static open(device: string, ifname: string, sink: PacketSink): TunDevice {
    if (Buffer.byteLength(ifname) >= IFNAMSIZ) throw new Error(`interface name ${ifname} is too long`);
    // Node opens with O_CLOEXEC: the `ip` commands the agent runs do not inherit the device.
    const fd = fs.openSync(device, fs.constants.O_RDWR | fs.constants.O_NONBLOCK);
    const request = Buffer.alloc(IFREQ_SIZE);
    request.write(ifname, 0, 'latin1');
    request.writeUInt16LE(IFF_TUN | IFF_NO_PI, IFNAMSIZ);
    if (libc.ioctl(fd, TUNSETIFF, 'void *', request) < 0) {
      const cause = errnoName(errno());
      fs.closeSync(fd);
      throw new Error(`ioctl(TUNSETIFF) on ${device} failed with ${cause}${cause === 'EPERM' ? ' (creating a TUN interface needs CAP_NET_ADMIN in the namespace)' : ''}`);
    }
    return new TunDevice(fd, ifname, sink);
  }

  /**
   * Start forwarding packets to the sink as they come: once the interface is up (a packet socket
   * bound to an interface that is down starts with an error, and sees nothing until it is up).
   */
  watch(): void {
    if (this.watcher) return;
    this.stamps = KernelStamps.open(this.ifname);
    this.watcher = watchReadable(this.fd, () => this.drain());
  }

  /** Forward every packet queued on the device now. */
  drain(): void {
    for (;;) {
      const length = libc.read(this.fd, this.buffer, this.buffer.length);
      if (length < 0) return; // EAGAIN: the queue is empty
      const packet = new Uint8Array(this.buffer.subarray(0, length));
      this.sink(packet, this.stamps?.stampOf(packet, 'sent') ?? monotonicUs());
    }
  }

  /**
   * Inject one IPv4 packet, as if it arrived on the interface. Resolves once the kernel has taken
   * it in (its stack has seen it), to when that was (CLOCK_MONOTONIC, µs); or to errno's name if
   * the device refused it. `look()` is called right after the write and while waiting: a
   * caller watching what the packet changes sees it as soon as it can be seen.
   */
  async write(packet: Uint8Array, look: () => void): Promise<{ readonly takenUs: number } | { readonly refused: string }> {
    const writtenUs = monotonicUs();
    if (libc.write(this.fd, packet, packet.length) < 0) return { refused: errnoName(errno()) };
    const takenUs = this.stamps ? await this.stamps.waitFor(packet, 'received', TAKE_IN_WAIT_MS, look) : undefined;
    return { takenUs: takenUs ?? writtenUs };
  }
}
