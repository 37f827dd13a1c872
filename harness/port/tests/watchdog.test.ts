/**
 * The watchdog of a kernel process: a loop is ended by its CPU time, soon; a stack that blocks
 * without running, by wall-clock time; a call that only waits is never ended by the CPU limit; and
 * a judge that was busy itself reads the reply before it blames the stack.
 */
import * as path from 'node:path';
import { ChildPort, type ChildPortOptions } from '../child-port';
import { cpuTimeMs } from '../cpu-clock';
import type { Outcome } from '../kernel-port';

const HANGS = path.join(__dirname, 'fixtures', 'hangs');

/** Where the system does not tell a process's CPU time, only the wall-clock limit exists. */
const withCpuTime = cpuTimeMs(process.pid) === undefined ? it.skip : it;

async function withPort(limits: Partial<ChildPortOptions>, use: (port: ChildPort) => Promise<void>): Promise<void> {
  const port = new ChildPort(HANGS, { address: '10.0.0.1', mtu: 1500, seed: 1, idleMs: 0, ...limits });
  try {
    // The process is up and the kernel made: what follows times calls, not loading.
    expect((await port.call(0, 'socket', ['udp'])).outcome).toEqual({ ok: true, value: 3 });
    await use(port);
  } finally {
    await port.dispose();
  }
}

function lost(message: string): Outcome {
  return { ok: false, error: { kind: 'lost', message } };
}

describe('the watchdog', () => {
  withCpuTime('ends a loop once it has run its CPU-time limit, whatever the wall-clock limit', async () => {
    await withPort({ callCpuMs: 100, callTimeoutMs: 60_000 }, async (port) => {
      const { outcome } = await port.call(0, 'accept', [3]);
      expect(outcome).toEqual(lost('the stack under test did not return from accept(fd 3) within 100 ms of CPU time (infinite loop?)'));
    });
  });

  it('ends a call that blocks without running at the wall-clock limit', async () => {
    await withPort({ callCpuMs: 100, callTimeoutMs: 300 }, async (port) => {
      const started = Date.now();
      const { outcome } = await port.call(0, 'listen', [3, -1]);
      expect(outcome).toEqual(lost('the stack under test did not return from listen(fd 3, -1) within 300 ms (infinite loop?)'));
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    });
  });

  it('never counts waiting against the CPU-time limit, as a call waits for a core on a busy machine', async () => {
    await withPort({ callCpuMs: 20, callTimeoutMs: 60_000 }, async (port) => {
      expect((await port.call(0, 'listen', [3, 400])).outcome).toEqual({ ok: true, value: undefined });
    });
  });

  it('reads a reply that came while the judge was busy past the limit, before blaming the stack', async () => {
    await withPort({ callTimeoutMs: 100 }, async (port) => {
      const answered = port.call(0, 'socket', ['udp']);
      // Queued after the request's own send: the judge is stuck once the request is on its way.
      queueMicrotask(() => {
        const until = Date.now() + 500;
        while (Date.now() < until) {
          // busy, as a long synchronous test step is
        }
      });
      expect((await answered).outcome).toEqual({ ok: true, value: 3 });
    });
  });
});
