/**
 * The Linux backend: the same scripts, with the Linux kernel as the stack under test. Each run
 * gets a TUN agent (harness/phy/tun): a fresh network namespace whose TUN interface has the
 * script's local address with the remote address as its peer. Syscall lines run on real Linux
 * sockets in that namespace; `<` packets are written into the TUN device, `>` packets are what
 * Linux writes out of it. The runner's clock becomes the wall clock: µs since the backend was
 * ready, the time packets are stamped on.
 *
 * Real time needs a few rules that virtual time does not:
 * - a syscall that may sleep tells so before it does (agent/call-runner.ts); `settle()` waits for
 *   that or for the call's return, so the script goes on exactly when the call blocks;
 * - injecting resolves once Linux has taken the packet, after what it answered with at once has
 *   arrived; and the agent answers every request only after forwarding what Linux queued by then,
 *   so a packet never arrives after the answer of the call that caused it;
 * - `nextOutbound` flushes at its deadline (outbound.ts);
 * - the clock stands still while the harness is late (clock.ts). The runner waits
 *   for a line's time with `nextOutbound(time)` before it injects or calls: that deadline is when
 *   the action was meant to happen, and the agent says when it did.
 *
 * Only scripts marked `--portable` are meant for it: a script that is not may encode what socklab
 * stacks do and Linux does not (the jest suite runs the portable ones; the CLI runs what it is given).
 */
import { probeTun, type TunProbeOptions } from '../../phy/tun/probe';
import { TunAgent, type CallOutcome } from '../../phy/tun/tun-agent';
import type { Backend, BackendEvidence, BackendFactory, BackendSetup, Outbound, SyscallRequest, SyscallResult } from '../backend';
import { toLinuxCall, toScriptResult } from './calls';
import { ScriptClock } from './clock';
import { ScriptFds } from './fds';
import { OutboundQueue } from './outbound';

/**
 * A backend factory that runs scripts against Linux over TUN. Throws, with the cause and what to
 * do, where the TUN bridge cannot run here (see probe.ts).
 */
export function linuxBackend(options: TunProbeOptions = {}): BackendFactory {
  const probe = probeTun(options);
  if (!probe.ok) throw new Error(`--stack linux cannot run here: ${probe.cause}`);
  return (setup) => LinuxBackend.start(setup, options);
}

/** One turn of the event loop: whatever reacts to a settled promise has run after it. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

class LinuxBackend implements Backend {
  readonly name = 'Linux kernel over TUN';
  /**
   * The clock makes up for the harness's own delays (see ScriptClock), but not for the agent's
   * threads waiting for a core: with the suite's other files running on a two-core machine, a
   * blocking call's return was seen 5.5 ms late. Linux's timers are 40 ms and up, so 20 ms of
   * slack does not blur what the scripts check.
   */
  readonly clockSlackUs = 20_000;
  private readonly fds = new ScriptFds();
  /** Every packet both ways, stamped by the agent (CLOCK_MONOTONIC, µs), for the evidence. */
  private readonly packets: { readonly stampUs: number; readonly packet: Uint8Array }[] = [];
  private readonly outbound: OutboundQueue;
  /** Resolves once the call in progress has returned or gone to sleep. */
  private callStarted: Promise<void> = Promise.resolve();
  /** Resolves once the call in progress has returned (and the runner has seen it). */
  private callEnded: Promise<void> = Promise.resolve();
  private readonly clock = new ScriptClock();
  /** The time the runner last waited for: the time its next action is meant for. */
  private intendedUs: number | undefined;

  private constructor(
    private readonly agent: TunAgent,
    private readonly setup: BackendSetup,
  ) {
    this.outbound = new OutboundQueue(this.clock, () => agent.flush());
    agent.onPacket = (packet, stampUs) => this.take(packet, stampUs);
  }

  static async start(setup: BackendSetup, options: TunProbeOptions): Promise<LinuxBackend> {
    const agent = await TunAgent.start({ linuxAddress: setup.localAddress, peerAddress: setup.remoteAddress, mtu: setup.mtu, ...options });
    return new LinuxBackend(agent, setup);
  }

  now(): number {
    return this.clock.nowUs();
  }

  async inject(packet: Uint8Array): Promise<void> {
    const intendedUs = this.takeIntended();
    const { takenUs, wokeCall } = await this.agent.inject(packet);
    this.packets.push({ stampUs: takenUs, packet });
    if (intendedUs !== undefined) this.clock.acted(intendedUs, takenUs);
    // As on the simulator, the call the packet woke has returned before the next line.
    if (wokeCall) await this.callEnded;
  }

  async nextOutbound(untilUs: number): Promise<Outbound | undefined> {
    const outbound = await this.outbound.next(untilUs);
    this.intendedUs = outbound === undefined && Number.isFinite(untilUs) ? untilUs : undefined;
    return outbound;
  }

  async settle(): Promise<void> {
    await this.callStarted;
    // The runner's own reaction to the call's return runs first.
    await nextTurn();
  }

  syscall(request: SyscallRequest): Promise<SyscallResult> {
    const result = this.call(request);
    // Settled after the runner's own reaction to the result (it chains on `result` first).
    this.callEnded = result.then(nextTurn, nextTurn);
    return result;
  }

  evidence(): BackendEvidence {
    const packets = this.packets
      .map(({ stampUs, packet }) => ({ timeUs: Math.max(0, Math.round(this.clock.fromMonotonic(stampUs))), packet }))
      .sort((a, b) => a.timeUs - b.timeUs);
    return {
      nowUs: Math.round(this.now()),
      packets,
      sides: [
        { name: 'linux', address: this.setup.localAddress },
        { name: 'harness', address: this.setup.remoteAddress },
      ],
    };
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  private async call(request: SyscallRequest): Promise<SyscallResult> {
    const intendedUs = this.takeIntended();
    let started!: () => void;
    this.callStarted = new Promise((resolve) => (started = resolve));
    let outcome: CallOutcome;
    let blocked = false;
    try {
      outcome = await this.agent.call(toLinuxCall(request, this.fds), (stampUs, blocks) => {
        if (intendedUs !== undefined) this.clock.acted(intendedUs, stampUs);
        blocked = blocks;
        started();
      });
    } catch (error) {
      this.outbound.fail(error instanceof Error ? error : new Error(String(error)));
      throw error;
    } finally {
      started();
    }
    // The runner times a blocking call's return when this resolves: make that when the agent saw
    // it. (Only then: a call that did not block has no return time to check, and setting the
    // clock back would shorten the timers its packets started.)
    if (blocked) this.clock.caughtUp(outcome.endedUs);
    return toScriptResult(request, outcome.result, this.fds);
  }

  /** The time the action about to happen was meant for, if the runner waited for it. */
  private takeIntended(): number | undefined {
    const intendedUs = this.intendedUs;
    this.intendedUs = undefined;
    return intendedUs;
  }

  /** A packet from Linux. */
  private take(packet: Uint8Array, stampUs: number): void {
    this.packets.push({ stampUs, packet });
    this.clock.packetSent(stampUs);
    this.outbound.push(packet, stampUs);
  }
}
