/**
 * The default port factory, with the loader's stand-ins: a stack kept out of the judge's process
 * runs in its own; every other kernel runs here.
 */
import * as path from 'node:path';
import type { CreateKernel, KernelEnv } from '../../contract';
import { Rng } from '../../sim/rng';
import { ChildPort } from '../child-port';
import { isolatedCreateKernel, isolatedStackDir, isolationRequested } from '../isolation';
import { LocalPort } from '../local-port';
import type { PortRequest } from '../../sim/topology';
import { defaultPortFactory } from '../port-factory';
import { createKernel as createEcho } from './fixtures/echo';

const ECHO = path.join(__dirname, 'fixtures', 'echo');

function request(createKernel: CreateKernel): PortRequest {
  const rng = new Rng(9);
  return { name: 'a', address: '10.0.0.1', mtu: 1500, seed: rng.seed, random: () => rng.next(), createKernel };
}

describe('isolation', () => {
  it('is asked for only with SOCKLAB_ISOLATE=1', () => {
    const envs = [{}, { SOCKLAB_ISOLATE: '0' }, { SOCKLAB_ISOLATE: '' }, { SOCKLAB_ISOLATE: '1' }];
    expect(envs.map((env) => isolationRequested(env))).toEqual([false, false, false, true]);
  });

  it('gives the loader a stand-in that names its folder and refuses to run in the judge', () => {
    const standIn = isolatedCreateKernel(ECHO);
    expect([isolatedStackDir(standIn), isolatedStackDir(createEcho)]).toEqual([ECHO, undefined]);
    const env: KernelEnv = { address: '10.0.0.1', mtu: 1500, now: () => 0, random: () => 0, transmit: () => undefined };
    expect(() => standIn(env)).toThrow(
      `the stack at ${ECHO} runs in its own process (SOCKLAB_ISOLATE=1): reach it through a host's port, not by calling createKernel`,
    );
  });
});

describe('defaultPortFactory', () => {
  it("runs a stand-in's stack in its own process, and any other kernel here", async () => {
    const factory = defaultPortFactory({ callTimeoutMs: 1_000 });
    expect(factory(request(createEcho))).toBeInstanceOf(LocalPort);
    const isolated = factory(request(isolatedCreateKernel(ECHO)));
    try {
      expect(isolated).toBeInstanceOf(ChildPort);
      expect((await isolated.call(0, 'socket', ['udp'])).outcome).toEqual({ ok: true, value: 3 });
    } finally {
      await isolated.dispose();
    }
  });
});
