/**
 * The epoll demo's crowd: many clients, each on a host of its own (star.ts), each a quiet
 * program that connects at its time, asks at its time, reads the answer and the end of the
 * stream, and closes. Their times are drawn from the run's seed. The conversation is the one the
 * demo's first client has too, told call by call.
 */
import type { Fd, SockAddr } from '../../harness/contract';
import type { Host } from '../../harness/sim/host';
import type { Rng } from '../../harness/sim/rng';
import { Sys } from '../../harness/runtime';
import { DemoFailure } from './failure';
import { showData } from './narrator';
import { sleepUntil } from './program';
import { ANSWER, RECV_MAX, REQUEST } from './temperature';

/** When the clients connect and when they ask: each at a time drawn in `[from, from + spread)` ms. */
export interface CrowdTimes {
  readonly connect: { readonly fromMs: number; readonly spreadMs: number };
  readonly ask: { readonly fromMs: number; readonly spreadMs: number };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class Crowd {
  /** How long each client waited for its answer and the end of the stream, in µs of virtual time, in the order they came. */
  readonly waitsUs: number[] = [];
  private readonly programs: readonly Sys[];

  constructor(
    hosts: readonly Host[],
    private readonly service: SockAddr,
    private readonly times: CrowdTimes,
  ) {
    this.programs = hosts.map((host) => new Sys(host));
  }

  get size(): number {
    return this.programs.length;
  }

  /** Run every client, with times drawn from `rng`; rejects with the first client's failure. */
  async run(rng: Rng): Promise<void> {
    const { connect, ask } = this.times;
    const clients = this.programs.map((sys) => {
      const connectAtMs = connect.fromMs + rng.next() * connect.spreadMs;
      const askAtMs = ask.fromMs + rng.next() * ask.spreadMs;
      return this.client(sys, connectAtMs, askAtMs);
    });
    await Promise.all(clients);
  }

  private async client(sys: Sys, connectAtMs: number, askAtMs: number): Promise<void> {
    await sleepUntil(sys, connectAtMs);
    const fd = await sys.socket('tcp');
    await sys.connect(fd, this.service);
    await sleepUntil(sys, askAtMs);
    const askedUs = sys.host.sim.nowUs;
    await askTemperature(sys, fd, `client ${sys.host.address}`);
    this.waitsUs.push(sys.host.sim.nowUs - askedUs);
    await sys.close(fd);
  }
}

/**
 * A client's conversation on connected socket `fd`: ask, then read the answer and the end of the
 * stream (the server closes after answering); fail unless both come, naming the client `who`.
 */
export async function askTemperature(calls: Pick<Sys, 'send' | 'recv'>, fd: Fd, who: string): Promise<void> {
  await calls.send(fd, encoder.encode(REQUEST));
  const answer = await calls.recv(fd, RECV_MAX);
  if (decoder.decode(answer) !== ANSWER) throw new DemoFailure(`${who} expected ${JSON.stringify(ANSWER)}, got ${heard(answer)}`);
  const end = await calls.recv(fd, RECV_MAX);
  if (end.length !== 0) throw new DemoFailure(`${who} expected the server to close after its answer, got ${heard(end)}`);
}

function heard(data: Uint8Array): string {
  return data.length === 0 ? 'the end of the stream' : showData(data);
}
