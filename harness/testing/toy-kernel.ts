/**
 * A deliberately tiny kernel for the harness's own tests: it lets the simulator and the runtime
 * be tested without any real stack (the harness never imports one).
 *
 * It has one UDP socket without ports: `sendto` transmits the data as a UDP datagram (built with
 * the harness's own codec, from port 7), and the payload of every packet received is queued for
 * `recvfrom` (the whole packet, if it is not UDP). A `sendto` to port 0 is a loopback after
 * `loopbackDelayMs`, through the kernel's own timer, to test tick(). A datagram reading `throw`
 * makes `receive` break the contract and throw, to test that the harness survives it; one
 * reading `drop` is dropped and counted in UdpInCsumErrors, to test what a deadlock says of drops.
 * Everything else throws EOPNOTSUPP.
 */
import { EPOLLIN, EPOLLOUT, SocketError, zeroCounters, type Kernel, type KernelEnv, type SockAddr } from '../contract';
import { buildUdp, decodePacket } from '../wire';

const TOY_PORT = 7;

/** The payload of a UDP packet, or the packet itself when it is not one. */
function payloadOf(packet: Uint8Array): Uint8Array {
  const decoded = decodePacket(packet);
  return decoded.ok && decoded.value.kind === 'udp' ? decoded.value.udp.payload : packet;
}

export const TOY_FD = 3;

export function createToyKernel(env: KernelEnv, loopbackDelayMs = 5): Kernel {
  const queue: Uint8Array[] = [];
  const timers: { at: number; data: Uint8Array }[] = [];
  const counters = zeroCounters();
  let open = false;
  const from: SockAddr = { address: '0.0.0.0', port: 0 };

  const checkFd = (fd: number): void => {
    if (!open || fd !== TOY_FD) throw new SocketError('EBADF');
  };
  const unsupported = (): never => {
    throw new SocketError('EOPNOTSUPP', 'the toy kernel has one datagram socket');
  };

  return {
    receive(packet) {
      const payload = payloadOf(packet);
      const text = new TextDecoder().decode(payload);
      if (text === 'throw') throw new TypeError('the toy kernel was told to throw');
      counters.IpInReceives++;
      if (text === 'drop') counters.UdpInCsumErrors++;
      else queue.push(payload);
    },
    nextDeadline: () => timers[0]?.at,
    tick() {
      while (timers[0] && timers[0].at <= env.now()) queue.push(timers.shift()!.data);
    },
    socket() {
      if (open) throw new SocketError('EMFILE');
      open = true;
      return TOY_FD;
    },
    sendto(fd, data, to) {
      checkFd(fd);
      if (to.port === 0) timers.push({ at: env.now() + loopbackDelayMs, data: Uint8Array.from(data) });
      else env.transmit(buildUdp({ src: env.address, dst: to.address, srcPort: TOY_PORT, dstPort: to.port, payload: data }));
      return data.length;
    },
    recvfrom(fd, max) {
      checkFd(fd);
      const data = queue.shift();
      if (!data) throw new SocketError('EAGAIN');
      return { data: data.subarray(0, max), from, truncated: data.length > max };
    },
    recv(fd, max) {
      return this.recvfrom(fd, max).data;
    },
    poll(fd) {
      checkFd(fd);
      return EPOLLOUT | (queue.length > 0 ? EPOLLIN : 0);
    },
    close(fd) {
      checkFd(fd);
      open = false;
    },
    counters: () => ({ ...counters }),
    bind: unsupported,
    connect: unsupported,
    listen: unsupported,
    accept: unsupported,
    send: unsupported,
    shutdown: unsupported,
    setsockopt: unsupported,
    getsockopt: unsupported,
    getsockname: unsupported,
    getpeername: unsupported,
    epollCreate: unsupported,
    epollCtl: unsupported,
    epollWait: unsupported,
    tcpInfo: unsupported,
  };
}
