/**
 * The harness's handle on one TUN agent (agent/main.ts): a private network namespace with a TUN
 * interface, reached over IPC. Packets Linux sends arrive at `onPacket` with the time the agent
 * read them; {@link TunAgent.inject} puts a packet into the device; {@link TunAgent.call} makes a
 * socket call on Linux in the namespace.
 *
 * {@link TunAgent.close} kills the agent, and with it the namespace, the interface and every
 * socket (see agent/main.ts for why that leaves nothing behind). Every agent this process started
 * and that is still alive is listed by {@link liveAgents}, so that a test can check none is left.
 */
import type { ChildProcess } from 'node:child_process';
import type { AgentConfig, AgentMessage, DoneMessage, LinuxCall, LinuxResult, Request, Sysctl } from './agent/protocol';
import { launchAgent } from './agent-launch';
import { LINUX_SYSCTLS } from './linux-sysctls';

/** How long an agent may take to set up, on a slow machine. */
const START_TIMEOUT_MS = 20_000;
/** How much of the agent's stderr a failure shows. */
const STDERR_KEPT = 2000;
/** The TUN interface's name in every namespace (each agent has its own namespace). */
export const TUN_IFNAME = 'socklab0';

/** What an agent is asked to set up. */
export interface TunAgentOptions {
  /** Linux's address, on the TUN interface (the harness's end is `peerAddress`). */
  readonly linuxAddress: string;
  readonly peerAddress: string;
  /** The interface's MTU (default 1500). */
  readonly mtu?: number;
  /** The clone device (default /dev/net/tun). */
  readonly device?: string;
  /** Sysctls for the namespace (default {@link LINUX_SYSCTLS}). */
  readonly sysctls?: readonly Sysctl[];
}

/** Where an agent's packets go: each packet Linux sent, and when it was read (CLOCK_MONOTONIC, µs). */
export type PacketListener = (packet: Uint8Array, timeUs: number) => void;

/** How a call went: its result, and when the agent began and ended it (CLOCK_MONOTONIC, µs). */
export interface CallOutcome {
  readonly result: LinuxResult;
  readonly startedUs: number;
  readonly endedUs: number;
}

/**
 * Told once when a call has started: when the agent took it up (CLOCK_MONOTONIC, µs), and whether
 * it went to sleep in the kernel (then before it returns) or not (then just before it resolves).
 */
export type CallStarted = (startedUs: number, blocks: boolean) => void;

interface Waiting {
  readonly resolve: (done: DoneMessage) => void;
  readonly reject: (error: Error) => void;
  /** Told once: then cleared. */
  onStart?: CallStarted | undefined;
}

const live = new Set<TunAgent>();

/** The pids of the agents this process started that have not ended. */
export function liveAgents(): number[] {
  return [...live].map((agent) => agent.pid);
}

/** Close every agent still alive (a test forgot one); resolves to their pids once they have exited. */
export async function closeLiveAgents(): Promise<number[]> {
  const agents = [...live];
  await Promise.all(agents.map((agent) => agent.close()));
  return agents.map((agent) => agent.pid);
}

export class TunAgent {
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private stderr = '';
  private gone: Error | undefined;
  private readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    /** The agent's pid; its namespace is /proc/PID/ns/net. */
    readonly pid: number,
    /** The namespace, as /proc names it: `net:[4026532...]`. */
    readonly netns: string,
    private readonly config: AgentConfig,
  ) {
    live.add(this);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-STDERR_KEPT)));
    child.on('message', (message: AgentMessage) => this.receive(message));
    child.once('exit', (code, signal) => this.end(code, signal));
  }

  /**
   * Start an agent; resolves once its namespace and TUN interface are ready. Set `onPacket` at
   * once (no packet is handed over before the caller's next turn).
   */
  static start(options: TunAgentOptions): Promise<TunAgent> {
    const config: AgentConfig = {
      device: options.device ?? '/dev/net/tun',
      ifname: TUN_IFNAME,
      linuxAddress: options.linuxAddress,
      peerAddress: options.peerAddress,
      mtu: options.mtu ?? 1500,
      sysctls: options.sysctls ?? LINUX_SYSCTLS,
      parentPid: process.pid,
    };
    const child = launchAgent(config);
    return new Promise((resolve, reject) => {
      let stderr = '';
      const onStderr = (chunk: Buffer): void => void (stderr += chunk.toString());
      const failed = (reason: string): void => {
        cleanup();
        child.kill('SIGKILL');
        reject(new Error(`the TUN agent did not start: ${reason}${stderr.trim() ? `\n${stderr.trim().slice(-STDERR_KEPT)}` : ''}`));
      };
      const onMessage = (message: AgentMessage): void => {
        if (message.kind === 'failed') return failed(message.reason);
        if (message.kind !== 'ready') return;
        cleanup();
        resolve(new TunAgent(child, child.pid!, message.netns, config));
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null): void => failed(`it exited (${signal ?? `code ${code}`})`);
      const onError = (error: Error): void => failed(error.message);
      const timer = setTimeout(() => failed(`no answer within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
      const cleanup = (): void => {
        clearTimeout(timer);
        child.stderr?.off('data', onStderr);
        child.off('message', onMessage);
        child.off('exit', onExit);
        child.off('error', onError);
      };
      child.stderr?.on('data', onStderr);
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.once('error', onError);
    });
  }

  /** Where Linux's packets go (until set, nowhere). */
  onPacket: PacketListener = () => undefined;

  /** Linux's address in the namespace. */
  get linuxAddress(): string {
    return this.config.linuxAddress;
  }

  /** The harness's address (the TUN interface's peer). */
  get peerAddress(): string {
    return this.config.peerAddress;
  }

  /**
   * Make a socket call on Linux. Resolves when it returns — for a blocking call, when it wakes up
   * (`onStart` says when it went to sleep). Rejects only when the agent is gone.
   */
  async call(call: LinuxCall, onStart?: CallStarted): Promise<CallOutcome> {
    const { result, startedUs, endedUs } = await this.request({ kind: 'call', id: this.nextId++, call }, onStart);
    return { result: result!, startedUs, endedUs };
  }

  /**
   * Put one IPv4 packet into the TUN device, as if it came from the link. Resolves once Linux has
   * taken it, after the packets it answered with at once have been passed to `onPacket`, to when
   * it went in (CLOCK_MONOTONIC, µs) and whether it woke a call that was asleep (whose promise
   * then resolves soon after).
   */
  async inject(packet: Uint8Array): Promise<{ readonly takenUs: number; readonly wokeCall: boolean }> {
    const done = await this.request({ kind: 'inject', id: this.nextId++, packet });
    if (done.result && !done.result.ok) throw new Error(`the TUN device refused the packet: ${done.result.errno}`);
    return { takenUs: done.startedUs, wokeCall: (done.woke ?? []).length > 0 };
  }

  /** Resolves once every packet Linux had queued on the device when it was called has reached `onPacket`. */
  async flush(): Promise<void> {
    await this.request({ kind: 'flush', id: this.nextId++ });
  }

  /** Linux's counters in the agent's namespace (agent/kernel-counters.ts). */
  async counters(): Promise<Readonly<Record<string, number>>> {
    return (await this.request({ kind: 'counters', id: this.nextId++ })).counters ?? {};
  }

  /** Why the agent is gone, if it is. */
  get failure(): Error | undefined {
    return this.gone;
  }

  /** Kill the agent (and so its namespace, interface and sockets); resolves once it has exited. */
  async close(): Promise<void> {
    if (!this.gone) this.child.kill('SIGKILL');
    await this.exited;
  }

  private request(request: Request, onStart?: CallStarted): Promise<DoneMessage> {
    if (this.gone) return Promise.reject(this.gone);
    return new Promise((resolve, reject) => {
      this.waiting.set(request.id, { resolve, reject, ...(onStart ? { onStart } : {}) });
      this.child.send(request);
    });
  }

  private receive(message: AgentMessage): void {
    switch (message.kind) {
      case 'packet':
        this.onPacket(message.packet, message.timeUs);
        return;
      case 'blocking':
        this.started(message.id, message.startedUs, true);
        return;
      case 'done': {
        this.started(message.id, message.startedUs, false);
        const waiting = this.waiting.get(message.id);
        this.waiting.delete(message.id);
        waiting?.resolve(message);
        return;
      }
      default:
        return;
    }
  }

  private started(id: number, startedUs: number, blocks: boolean): void {
    const waiting = this.waiting.get(id);
    const onStart = waiting?.onStart;
    if (waiting) waiting.onStart = undefined;
    onStart?.(startedUs, blocks);
  }

  private end(code: number | null, signal: NodeJS.Signals | null): void {
    live.delete(this);
    const stderr = this.stderr.trim();
    this.gone = new Error(`the TUN agent (pid ${this.pid}) has ended (${signal ?? `exit code ${code}`})${stderr ? `:\n${stderr}` : ''}`);
    for (const waiting of this.waiting.values()) waiting.reject(this.gone);
    this.waiting.clear();
  }
}
