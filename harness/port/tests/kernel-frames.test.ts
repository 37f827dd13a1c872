/**
 * An error of the stack under test, re-created on the harness's side of a port, shows where the
 * stack threw: its first frames are the kernel's, then the harness's that made the call.
 */
import * as path from 'node:path';
import type { CreateKernel } from '../../contract';
import { NotImplemented } from '../../contract';
import { LocalPort } from '../local-port';
import { fromPortError, KernelCrash } from '../port-errors';
import { withKernelFrames } from '../kernel-frames';

const PORT_DIR = path.resolve(__dirname, '..');

/** A kernel whose socket() throws `thrown()`: the throw is in this file. */
function throwingKernel(thrown: () => Error): CreateKernel {
  const socket = (): never => {
    throw thrown();
  };
  return () => ({ socket, nextDeadline: () => undefined }) as unknown as ReturnType<CreateKernel>;
}

async function errorOfSocketCall(thrown: () => Error): Promise<Error> {
  const port = new LocalPort(throwingKernel(thrown), { address: '10.0.0.1', mtu: 1500, random: Math.random });
  const reply = await port.call(0, 'socket', ['udp']);
  if (reply.outcome.ok) throw new Error('socket() did not throw');
  return fromPortError(reply.outcome.error, 'socket(udp)');
}

function frames(error: Error): string[] {
  return (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
}

describe("an error crossing the port keeps the kernel's frames on top", () => {
  it("a crash: the first frame is the kernel's throw, then the harness's from where the port made the error", async () => {
    const error = await errorOfSocketCall(() => new TypeError('boom'));
    expect(error).toBeInstanceOf(KernelCrash);
    expect(error.stack?.split('\n')[0]).toBe(`KernelCrash: ${error.message}`);
    expect(frames(error)[0]).toContain(`${__filename}:`);
    expect(frames(error).find((frame) => !frame.includes(__filename))).toContain(`fromPortError (${PORT_DIR}/port-errors.ts:`);
    expect(frames(error).filter((frame) => frame.includes(`${PORT_DIR}/local-port.ts`))).toEqual([]);
  });

  it('a crash restated from a crash (as the host restates a throwing receive()) keeps the same first frame', async () => {
    const error = await errorOfSocketCall(() => new TypeError('boom'));
    const restated = new KernelCrash(`${error.message} (receive() and tick() must never throw)`, error.stack);
    expect(frames(restated)[0]).toBe(frames(error)[0]);
  });

  it('a NotImplemented: the first frame is the stub, and it is still a NotImplemented', async () => {
    const error = await errorOfSocketCall(() => new NotImplemented('m1', 'open a socket'));
    expect(error).toBeInstanceOf(NotImplemented);
    expect(error.stack?.split('\n')[0]).toBe('NotImplemented: not implemented (m1: open a socket)');
    expect(frames(error)[0]).toContain(`${__filename}:`);
  });

  it('keeps its own stack when the kernel stack has no frame of the port (another process, other paths)', () => {
    const error = new Error('own');
    const own = error.stack;
    expect(withKernelFrames(error, 'TypeError: x\n    at f (/elsewhere/stack/a.ts:1:1)').stack).toBe(own);
    expect(withKernelFrames(error, undefined).stack).toBe(own);
  });
});
