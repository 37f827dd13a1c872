/**
 * A kernel in its own process answers exactly as it does in the judge's: same seed, same random
 * stream, same replies and the same packets, byte for byte; and its process ends with its port.
 */
import * as path from 'node:path';
import type { KernelPort, Reply } from '../kernel-port';
import { ChildPort, DEFAULT_KERNEL_MEMORY_MB } from '../child-port';
import { KernelServer } from '../kernel-server';
import { LocalPort } from '../local-port';
import { Rng } from '../../sim/rng';
import { twoHosts } from '../../sim/two-hosts';
// Trusted test code: it may run in this process too, which is what the comparison needs.
import { createKernel as createEcho } from './fixtures/echo';
import { alive, goneWithin } from '../../testing/processes';

const ECHO = path.join(__dirname, 'fixtures', 'echo');
const COUNTS = path.join(__dirname, 'fixtures', 'counts-kernels');
const HOST = { address: '10.0.0.1', mtu: 1400 };

function localEcho(seed: number, address = HOST.address): KernelPort {
  const rng = new Rng(seed);
  return new LocalPort(createEcho, { ...HOST, address, random: () => rng.next() });
}

/** A kernel process that ends as soon as its last kernel is disposed of. */
function childEcho(seed: number, address = HOST.address): ChildPort {
  return new ChildPort(ECHO, { ...HOST, address, seed, idleMs: 0 });
}

/** Every kind of request and reply: values, errors, packets, deadlines. */
const STEPS: ReadonlyArray<(port: KernelPort) => Promise<Reply>> = [
  (port) => port.call(0, 'socket', ['udp']),
  (port) => port.call(1, 'sendto', [3, Uint8Array.of(1, 2, 3), { address: '10.0.0.2', port: 7 }]),
  (port) => port.call(1.5, 'recvfrom', [3, 10]),
  (port) => port.receive(2, Uint8Array.of(9, 8, 7, 6)),
  (port) => port.call(3, 'poll', [3]),
  (port) => port.call(3, 'recvfrom', [3, 2]),
  (port) => port.call(3, 'getsockname', [3]),
  (port) => port.call(3, 'getsockopt', [3, 'TCP_MAXSEG']),
  (port) => port.call(3, 'poll', [4]),
  // Taken 3, 3 and 2 bytes at a time, then the buffer is full.
  (port) => port.repeatSend(4, 3, Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)),
  (port) => port.call(4, 'close', [3]),
  (port) => port.tick(12),
  // Taken whole by one call.
  (port) => port.repeatSend(12, 3, Uint8Array.of(1, 2)),
  (port) => port.call(13, 'sendto', [3, new Uint8Array(1000).fill(5), { address: '10.0.0.2', port: 7 }]),
  (port) => port.call(13, 'counters', []),
];

async function replies(port: KernelPort): Promise<Reply[]> {
  const all: Reply[] = [];
  for (const step of STEPS) all.push(await step(port));
  await port.dispose();
  return all;
}

describe('ChildPort', () => {
  it('gives the replies a LocalPort gives from the same seed, and others from another seed', async () => {
    const [local, child, otherSeed] = await Promise.all([replies(localEcho(7)), replies(childEcho(7)), replies(childEcho(8))]);
    expect(child).toEqual(local);
    expect(otherSeed).not.toEqual(local);
    // The comparison covers every shape a reply takes.
    expect(local.map((reply) => (reply.outcome.ok ? 'ok' : reply.outcome.error.kind))).toContain('socket');
    expect(local.flatMap((reply) => reply.transmitted)).toHaveLength(7);
    expect(local.map((reply) => reply.nextDeadline)).toContain(12);
    expect(local.map((reply) => reply.took)).toContainEqual([3, 3, 2]);
  });

  it('runs a simulated network exactly as kernels in this process do', async () => {
    const seeds: Readonly<Record<string, number>> = { '10.0.0.1': 11, '10.0.0.2': 22 };
    const run = async (port: (seed: number, address: string) => KernelPort) => {
      const net = twoHosts({
        seed: 5,
        a: { createKernel: createEcho },
        b: { createKernel: createEcho },
        portFactory: (host) => port(seeds[host.address] ?? 0, host.address),
      });
      await net.a.syscall('socket', 'udp');
      await net.b.syscall('socket', 'udp');
      for (const size of [1, 20, 300]) {
        await net.a.syscall('sendto', 3, new Uint8Array(size).fill(size), { address: net.b.address, port: 7 });
        await net.sim.sleep(3);
      }
      await net.sim.drain();
      const received = [];
      for (let i = 0; i < 3; i++) received.push(await net.b.syscall('recvfrom', 3, 1000));
      await Promise.all([net.a.dispose(), net.b.dispose()]);
      return { events: net.trace.events, received, endUs: net.sim.nowUs };
    };
    const [local, child] = await Promise.all([run(localEcho), run(childEcho)]);
    expect(child).toEqual(local);
    expect(local.events.filter((event) => event.kind === 'deliver')).toHaveLength(6);
  });

  it('answers calls made together (they travel in batches) in order, as a LocalPort answers them one by one', async () => {
    const calls = (port: KernelPort) => [
      port.call(0, 'socket', ['udp']),
      ...Array.from({ length: 500 }, (_, i) => (i % 3 === 0 ? port.receive(i, Uint8Array.of(i & 0xff)) : port.call(i, 'recvfrom', [3, 10]))),
      port.tick(1_000),
    ];
    const local = localEcho(3);
    const expected: Reply[] = [];
    for (const call of calls(local)) expected.push(await call);
    const child = childEcho(3);
    expect(await Promise.all(calls(child))).toEqual(expected);
    await child.dispose();
  });

  it('holds a read made aside for the message of the next request, and sends it alone only after a moment', async () => {
    const server = new KernelServer(ECHO, DEFAULT_KERNEL_MEMORY_MB, 0);
    const kernel = server.openKernel({ ...HOST, seed: 1 }, { callTimeoutMs: 2_000, callCpuMs: 500, startTimeoutMs: 10_000 });
    await server.request({ kind: 'call', kernel, nowMs: 0, method: 'socket', args: ['udp'] });
    const messages = jest.spyOn(server['child'], 'send');
    const counters = { kind: 'call', kernel, nowMs: 0, method: 'counters', args: [] } as const;

    const aside = server.request(counters, true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(messages).not.toHaveBeenCalled();
    const next = server.request({ kind: 'receive', kernel, nowMs: 1, packet: Uint8Array.of(1) });
    // Read before the packet that follows it, in the message that carries the packet.
    expect((await aside).outcome).toMatchObject({ ok: true, value: { IpInReceives: 0 } });
    await next;
    expect(messages).toHaveBeenCalledTimes(1);
    expect(messages.mock.calls[0]?.[0]).toMatchObject({ requests: [{ method: 'counters' }, { kind: 'receive' }] });

    // With nothing to travel with, it still goes.
    expect((await server.request(counters, true)).outcome).toMatchObject({ ok: true, value: { IpInReceives: 1 } });
    expect(messages).toHaveBeenCalledTimes(2);
    await server.closeKernel(kernel);
  });

  it('shares a process, module state and all, between the kernels of one test file; another file gets a process of its own', async () => {
    const options = { ...HOST, seed: 1, idleMs: 60_000 };
    const ports = [new ChildPort(COUNTS, options), new ChildPort(COUNTS, options)];
    const counted = await Promise.all(ports.map((port) => port.call(0, 'socket', ['udp'])));
    expect(counted.map((reply) => reply.outcome)).toEqual([1, 2].map((n) => ({ ok: true, value: { inModule: n, inProcess: n } })));
    // One process served both: the submission was sent and loaded once.
    expect(ports[0]?.pid).toBe(ports[1]?.pid);
    const firstFiles = ports[0]?.pid ?? -1;

    // Another test file: jest gives it its own instance of every module.
    let otherFiles: KernelPort | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a second instance of the module, as another test file gets
      const { ChildPort: OtherFilesPort } = require('../child-port') as typeof import('../child-port');
      otherFiles = new OtherFilesPort(COUNTS, options);
    });
    // Nothing the first file's kernels left, not even on globalThis, reaches it.
    expect((await otherFiles?.call(0, 'socket', ['udp']))?.outcome).toEqual({ ok: true, value: { inModule: 1, inProcess: 1 } });
    // The first file is over: its process is ended, though its idle time (a minute) has not run out.
    expect(await goneWithin(firstFiles, 5_000)).toBe(true);
    expect((await ports[0]?.call(1, 'socket', ['udp']))?.outcome).toEqual({ ok: false, error: { kind: 'lost', message: 'the kernel process was closed: its test file is over' } });
    await Promise.all([...ports, otherFiles].map((port) => port?.dispose()));
  });

  it('leaves no process behind after dispose, and fails later calls at once', async () => {
    const port = childEcho(1);
    expect((await port.call(0, 'socket', ['udp'])).outcome).toEqual({ ok: true, value: 3 });
    const pid = port.pid ?? -1;
    expect(alive(pid)).toBe(true);
    await port.dispose();
    expect(alive(pid)).toBe(false);
    expect(await port.call(0, 'socket', ['udp'])).toEqual({
      outcome: { ok: false, error: { kind: 'lost', message: 'the stack under test was disposed of: its port is closed' } },
      transmitted: [],
      nextDeadline: undefined,
    });
  });

  it('can be disposed of while its process is still loading', async () => {
    const port = childEcho(1);
    const pid = port.pid ?? -1;
    await port.dispose();
    expect(alive(pid)).toBe(false);
  });

  it('serves 40,000 calls in a row under the default memory limit: what node reserves fits in its address-space limit', async () => {
    const port = childEcho(1);
    try {
      let failure: Reply['outcome'] | undefined;
      for (let i = 0; i < 40_000 && failure === undefined; i++) {
        const reply = await port.call(i, 'poll', [3]);
        if (!reply.outcome.ok) failure = reply.outcome;
      }
      expect(failure).toBeUndefined();
    } finally {
      await port.dispose();
    }
  }, 60_000);
});
