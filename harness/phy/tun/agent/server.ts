/**
 * How the agent serves the harness's requests: calls, injected packets, flushes. Every answer is
 * sent after forwarding what Linux has queued on the device by then, so that the packets a
 * request caused always reach the harness before its answer.
 *
 * Calls that sleep in the kernel are tracked, with what wakes each (call-runner.ts): an injected
 * packet's answer says which of them it woke, so that the harness can wait for them — as on the
 * simulator, where a packet and the return it causes happen at one instant — and such a call's
 * return time is when the kernel took the packet in, not when the thread pool handed its return
 * back to the agent's thread, which on a busy machine comes milliseconds later.
 */
import type { AgentMessage, LinuxCall, Request } from './protocol';
import { anyReady, runLinuxCall, wakeCondition } from './call-runner';
import { monotonicUs } from './clock';
import { readKernelCounters } from './kernel-counters';
import type { TunDevice } from './tun-device';

/** A call asleep in the kernel. */
interface Sleeper {
  readonly id: number;
  /** What wakes it: these fds being ready. */
  readonly wakesOn: ReturnType<typeof wakeCondition>;
  /** It has returned (its answer may wait for an injection to finish). */
  returned?: boolean;
  /** When the injected packet that woke it went in (CLOCK_MONOTONIC, µs), if one did. */
  wokenUs?: number;
}

export class AgentServer {
  private readonly sleepers = new Map<number, Sleeper>();
  /** Settles once the injection in progress knows which sleeping calls its packet woke. */
  private injecting: Promise<void> = Promise.resolve();

  constructor(
    private readonly device: TunDevice,
    private readonly send: (message: AgentMessage) => void,
    /** A call failed in a way that is not an errno (a bug of the agent's). */
    private readonly crash: (error: Error) => void,
  ) {}

  serve(request: Request): void {
    switch (request.kind) {
      case 'call':
        this.call(request.id, request.call);
        return;
      case 'inject':
        this.inject(request.id, request.packet).catch(this.crash);
        return;
      case 'flush': {
        const nowUs = monotonicUs();
        this.answer({ kind: 'done', id: request.id, startedUs: nowUs, endedUs: nowUs });
        return;
      }
      case 'counters': {
        const nowUs = monotonicUs();
        this.answer({ kind: 'done', id: request.id, startedUs: nowUs, endedUs: nowUs, counters: readKernelCounters() });
      }
    }
  }

  private call(id: number, call: LinuxCall): void {
    const startedUs = monotonicUs();
    const sleeping = (): void => {
      this.sleepers.set(id, { id, wakesOn: wakeCondition(call) });
      // Before the call goes to sleep, forward what its first attempt sent (a connect's SYN).
      this.answer({ kind: 'blocking', id, startedUs });
    };
    runLinuxCall(call, sleeping).then(
      async (result) => {
        const returnedUs = monotonicUs();
        const sleeper = this.sleepers.get(id);
        if (sleeper) sleeper.returned = true;
        await this.injecting;
        this.sleepers.delete(id);
        this.answer({ kind: 'done', id, result, startedUs, endedUs: sleeper?.wokenUs ?? returnedUs });
      },
      (error: unknown) => this.crash(new Error(`call ${call.name}: ${error instanceof Error ? error.message : String(error)}`)),
    );
  }

  /** Write an injected packet into the device; answer when the kernel took it in, and whom it woke. */
  private async inject(id: number, packet: Uint8Array): Promise<void> {
    let known = (): void => undefined;
    const before = this.injecting;
    this.injecting = new Promise((resolve) => (known = resolve));
    await before;
    const asleep = [...this.sleepers.values()].filter((sleeper) => !sleeper.returned && !anyReady(sleeper.wakesOn));
    // Woken: ready to return, or returned already (a recv may have taken its datagram at once).
    const woken = new Set<Sleeper>();
    const look = (): void => {
      for (const sleeper of asleep) if (sleeper.returned || anyReady(sleeper.wakesOn)) woken.add(sleeper);
    };
    const written = await this.device.write(packet, look);
    if ('refused' in written) {
      known();
      const nowUs = monotonicUs();
      this.answer({ kind: 'done', id, startedUs: nowUs, endedUs: nowUs, result: { ok: false, errno: written.refused } });
      return;
    }
    look();
    for (const sleeper of woken) sleeper.wokenUs = written.takenUs;
    known();
    this.answer({ kind: 'done', id, startedUs: written.takenUs, endedUs: written.takenUs, woke: [...woken].map((sleeper) => sleeper.id) });
  }

  private answer(message: AgentMessage): void {
    this.device.drain();
    this.send(message);
  }
}
