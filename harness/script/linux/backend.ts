/**
 * The Linux backend: the same scripts, with the Linux kernel as the stack under test. Each run
 * gets a TUN agent (harness/phy/tun): a fresh network namespace whose TUN interface has the
 * script's local address with the remote address as its peer. Syscall lines run on real Linux
 * sockets in that namespace; `<` packets are written into the TUN device, `>` packets are what
 * Linux writes out of it. The runner's clock becomes the wall clock: µs since the backend was
 * ready, on CLOCK_MONOTONIC, which the agent stamps packets and calls with.
 *
 * Real time needs a few rules that virtual time does not:
 * - a syscall that may sleep tells so before it does (agent/call-runner.ts); `settle()` waits for
 *   that or for the call's return, so the script goes on exactly when the call blocks;
 * - injecting resolves once Linux has taken the packet, after what it answered with at once has
 *   arrived; and the agent answers every request only after forwarding what Linux queued by then,
 *   so a packet never arrives after the answer of the call that caused it;
 * - `nextOutbound` flushes at its deadline (outbound.ts);
 * - every time reported to the runner is the agent's stamp, not when the harness heard of it: when
 *   a packet went in, when a call started and returned, when Linux sent a packet. The runner
 *   anchors each line on when the previous one actually happened, so a harness that is late for
 *   one line (a busy machine) is not held to the script's clock for the next.
 *
 * Only scripts marked `--portable` are meant for it: a script that is not may encode what socklab
 * stacks do and Linux does not (the jest suite runs the portable ones; the CLI runs what it is given).
 */
import { LINUX_SYSCTLS } from '../../phy/tun/linux-sysctls';
import { probeTun, type TunProbeOptions } from '../../phy/tun/probe';
import { TunAgent } from '../../phy/tun/tun-agent';
import { WallClock } from '../../phy/tun/wall-clock';
import { countedDrops } from '../../sim/kernel-drops';
import type { Backend, BackendEvidence, BackendFactory, BackendSetup, CallInProgress, Outbound, SyscallRequest, SyscallResult } from '../backend';
import { toLinuxCall, toScriptResult } from './calls';
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
   * The runner anchors each line on the agent's stamps, so the harness being late for a line does
   * not count against the next; and a blocking call woken by an injected packet has its window
   * moved by the harness's lateness in injecting it (runner.ts), 5–13 ms under two busy loops on
   * two cores, up to 50 ms in about 1 run in 1000 (`npm run script:stability`). What is left is
   * the scheduling of Linux's own work and of the agent's stamps. Linux's timers are 40 ms and up,
   * so 20 ms of slack does not blur what the scripts check; more would.
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
  private readonly clock = new WallClock();

  private constructor(
    private readonly agent: TunAgent,
    private readonly setup: BackendSetup,
  ) {
    this.outbound = new OutboundQueue(this.clock, () => agent.flush());
    agent.onPacket = (packet, stampUs) => this.take(packet, stampUs);
  }

  static async start(setup: BackendSetup, options: TunProbeOptions): Promise<LinuxBackend> {
    // The script's sysctls come after the settings every run gets, so that they win.
    const sysctls = [...LINUX_SYSCTLS, ...setup.sysctls];
    const agent = await TunAgent.start({ linuxAddress: setup.localAddress, peerAddress: setup.remoteAddress, mtu: setup.mtu, sysctls, ...options });
    return new LinuxBackend(agent, setup);
  }

  now(): number {
    return this.clock.nowUs();
  }

  async inject(packet: Uint8Array): Promise<number> {
    const { takenUs, wokeCall } = await this.agent.inject(packet);
    this.packets.push({ stampUs: takenUs, packet });
    // As on the simulator, the call the packet woke has returned before the next line.
    if (wokeCall) await this.callEnded;
    return this.clock.fromMonotonic(takenUs);
  }

  nextOutbound(untilUs: number): Promise<Outbound | undefined> {
    return this.outbound.next(untilUs);
  }

  async settle(): Promise<void> {
    await this.callStarted;
    // The runner's own reaction to the call's return runs first.
    await nextTurn();
  }

  syscall(request: SyscallRequest): CallInProgress {
    let onStart!: (timeUs: number) => void;
    const began = new Promise<number>((resolve) => (onStart = resolve));
    const returned = this.call(request, onStart);
    // A call the agent cannot make (it is gone) never starts: it fails instead.
    const started = Promise.race([began, returned.then(() => began)]);
    this.callStarted = started.then(
      () => undefined,
      () => undefined,
    );
    // A turn after the return, by when the runner has reacted to it.
    this.callEnded = returned.then(nextTurn, nextTurn);
    return { started, returned };
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

  /** Linux's drop counters in the run's namespace: a fresh one, so they count this script's packets alone. */
  async dropped(): Promise<readonly string[]> {
    return countedDrops(await this.agent.counters());
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  /** Make the call; `onStart` hears when it started (the agent's stamp, on this clock). */
  private async call(request: SyscallRequest, onStart: (timeUs: number) => void): Promise<{ readonly result: SyscallResult; readonly timeUs: number }> {
    try {
      const { result, endedUs } = await this.agent.call(toLinuxCall(request, this.fds), (stampUs) => onStart(this.clock.fromMonotonic(stampUs)));
      return { result: toScriptResult(request, result, this.fds), timeUs: this.clock.fromMonotonic(endedUs) };
    } catch (error) {
      this.outbound.fail(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
  }

  /** A packet from Linux. */
  private take(packet: Uint8Array, stampUs: number): void {
    this.packets.push({ stampUs, packet });
    this.outbound.push(packet, stampUs);
  }
}
