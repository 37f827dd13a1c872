/**
 * The real-time driver (realtime-host.ts) on the toy kernel, in this process: no TUN needed. The
 * toy kernel's sendto to port 0 comes back after 30 ms through its own timer, so its nextDeadline
 * is what makes the datagram arrive: only a tick at that deadline delivers it.
 */
import { EPOLLIN, type Syscall } from '../../../contract';
import { KernelCrash, LocalPort, type KernelPort, type Reply } from '../../../port';
import { fakeEpollKernel } from '../../../script/tests/simulator/fake-epoll-kernel';
import { createToyKernel, TOY_FD } from '../../../testing/toy-kernel';
import { buildUdp, decodePacket } from '../../../wire';
import { RealtimeHost } from '../../tun/realtime-host';

const LOOPBACK_MS = 30;
const ADDRESS = '10.0.0.2';
/** Far longer than anything here should take: a wait that reaches it has missed its wake-up. */
const PATIENCE_MS = 5000;

/** A port to the toy kernel that counts what the host asks of it. */
class CountingPort implements KernelPort {
  readonly calls: Syscall[] = [];
  readonly ticksAtMs: number[] = [];
  private readonly inner = new LocalPort((env) => createToyKernel(env, LOOPBACK_MS), { address: ADDRESS, mtu: 1500, random: () => 0.5 });

  call(nowMs: number, method: Syscall, args: readonly unknown[]): Promise<Reply> {
    this.calls.push(method);
    return this.inner.call(nowMs, method, args);
  }

  repeatSend(nowMs: number, fd: number, data: Uint8Array): Promise<Reply> {
    this.calls.push('send');
    return this.inner.repeatSend(nowMs, fd, data);
  }

  receive(nowMs: number, packet: Uint8Array): Promise<Reply> {
    return this.inner.receive(nowMs, packet);
  }

  tick(nowMs: number): Promise<Reply> {
    this.ticksAtMs.push(nowMs);
    return this.inner.tick(nowMs);
  }

  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}

function setUp(): { host: RealtimeHost; port: CountingPort; sent: Uint8Array[] } {
  const port = new CountingPort();
  const sent: Uint8Array[] = [];
  return { host: new RealtimeHost(port, { send: (packet) => sent.push(packet) }), port, sent };
}

const text = (data: Uint8Array): string => Buffer.from(data).toString();

describe('the real-time driver', () => {
  it("ticks the kernel once its nextDeadline has come, never before, and not at the waiter's timeout", async () => {
    const { host, port } = setUp();
    try {
      const fd = await host.call('socket', 'udp');
      const sentMs = host.nowMs();
      await host.call('sendto', fd, Buffer.from('later'), { address: ADDRESS, port: 0 });
      expect(await host.waitFor(fd, EPOLLIN, PATIENCE_MS)).toBe(EPOLLIN);
      expect(port.ticksAtMs).toHaveLength(1);
      expect(port.ticksAtMs[0]).toBeGreaterThanOrEqual(sentMs + LOOPBACK_MS);
      expect(host.nowMs()).toBeLessThan(sentMs + PATIENCE_MS / 2);
      expect(text((await host.call('recvfrom', fd, 100)).data)).toBe('later');
    } finally {
      await host.close();
    }
  });

  it('a waiter sleeps: its own polls do not wake it, so it polls only when something changed', async () => {
    const { host, port } = setUp();
    try {
      const fd = await host.call('socket', 'udp');
      const before = port.calls.length;
      // Nothing happens for 100 ms: a poll before the wait and one after its timer (or a few, if
      // the timer fires a fraction of a millisecond early) — not one per turn of the event loop.
      expect(await host.waitFor(fd, EPOLLIN, 100)).toBe(0);
      expect(port.calls.length - before).toBeLessThan(10);
    } finally {
      await host.close();
    }
  });

  it('a packet from the link wakes the waiter at once', async () => {
    const { host } = setUp();
    try {
      const fd = await host.call('socket', 'udp');
      const waiting = host.waitFor(fd, EPOLLIN, PATIENCE_MS);
      const startMs = host.nowMs();
      host.receive(buildUdp({ src: '10.0.0.1', dst: ADDRESS, srcPort: 9, dstPort: 7, payload: Buffer.from('hello') }));
      expect(await waiting).toBe(EPOLLIN);
      expect(host.nowMs() - startMs).toBeLessThan(PATIENCE_MS / 2);
      expect(text((await host.call('recvfrom', TOY_FD, 100)).data)).toBe('hello');
    } finally {
      await host.close();
    }
  });

  it('epoll_wait sleeps until a registered fd is ready (here: when the tick delivers the datagram), and returns none at its timeout', async () => {
    const host = new RealtimeHost(new LocalPort(fakeEpollKernel, { address: ADDRESS, mtu: 1500, random: () => 0.5 }), { send: () => undefined });
    try {
      const fd = await host.call('socket', 'udp');
      const ep = await host.call('epollCreate');
      await host.call('epollCtl', ep, 'add', fd, EPOLLIN);
      expect(await host.epollWait(ep, 8, 50)).toEqual([]);
      await host.call('sendto', fd, Buffer.from('later'), { address: ADDRESS, port: 0 });
      expect(await host.epollWait(ep, 8, PATIENCE_MS)).toEqual([{ fd, events: EPOLLIN }]);
    } finally {
      await host.close();
    }
  });

  it('puts what the kernel transmits on the link', async () => {
    const { host, sent } = setUp();
    try {
      const fd = await host.call('socket', 'udp');
      await host.call('sendto', fd, Buffer.from('out'), { address: '10.0.0.1', port: 9 });
      expect(sent).toHaveLength(1);
      const packet = decodePacket(sent[0]!);
      expect(packet.ok && packet.value.kind === 'udp' && text(packet.value.udp.payload)).toBe('out');
    } finally {
      await host.close();
    }
  });

  it('a kernel whose receive() throws stops the host with the reason', async () => {
    const { host } = setUp();
    try {
      const fd = await host.call('socket', 'udp');
      const waiting = host.waitFor(fd, EPOLLIN, PATIENCE_MS);
      host.receive(buildUdp({ src: '10.0.0.1', dst: ADDRESS, srcPort: 9, dstPort: 7, payload: Buffer.from('throw') }));
      await expect(waiting).rejects.toThrow(KernelCrash);
      expect(host.failure?.message).toContain('receive() and tick() must never throw');
      await expect(host.call('poll', fd)).rejects.toBe(host.failure);
    } finally {
      await host.close();
    }
  });

  it('once closed, it never ticks again', async () => {
    const { host, port } = setUp();
    const fd = await host.call('socket', 'udp');
    await host.call('sendto', fd, Buffer.from('never'), { address: ADDRESS, port: 0 });
    await host.close();
    await new Promise((resolve) => setTimeout(resolve, LOOPBACK_MS * 2));
    expect(port.ticksAtMs).toEqual([]);
  });
});
