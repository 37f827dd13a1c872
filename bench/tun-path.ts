/**
 * The TUN path's figures, with ICMP echo through the bridge: the harness → the agent (IPC) →
 * the TUN device → Linux's stack → the TUN device → the agent → the harness. Linux answers an
 * echo request in the kernel, so the figures are the bridge's own cost, with no program on Linux.
 *
 * - `tun.round_trip_us`: the median time of one echo, one at a time;
 * - `tun.packets_per_second`: packets through the device (requests and replies) with
 *   {@link WINDOW} echoes in flight.
 *
 * Each figure starts its own agent and closes it. Where the TUN bridge cannot run, both are
 * skipped with the cause.
 */
import { probeTun } from '../harness/phy/tun/probe';
import { TunAgent } from '../harness/phy/tun/tun-agent';
import { buildIcmp, decodePacket } from '../harness/wire';
import { measure, type Benchmark } from './benchmark';
import type { FigureSource, SkippedFigure } from './figure-source';

const LINUX = '10.0.0.1';
const HARNESS = '10.0.0.2';
const ECHO_ID = 0xbe4c;
/** Echoes timed one at a time, after as many untimed ones. */
const ROUND_TRIPS = 300;
/** Echoes per round of the packets-per-second figure, and how many are in flight at once. */
const FLOOD = 2000;
const WINDOW = 32;

/** A bridge to ping: the agent, and a way to send an echo request and hear its reply. */
class Pinger {
  private readonly waiting = new Map<number, () => void>();
  private seq = 0;

  private constructor(readonly agent: TunAgent) {
    agent.onPacket = (packet) => {
      const decoded = decodePacket(packet);
      if (!decoded.ok || decoded.value.kind !== 'icmp') return;
      const { message } = decoded.value.icmp;
      if (message.kind !== 'echoReply' || message.id !== ECHO_ID) return;
      this.waiting.get(message.seq)?.();
      this.waiting.delete(message.seq);
    };
  }

  static async start(): Promise<Pinger> {
    return new Pinger(await TunAgent.start({ linuxAddress: LINUX, peerAddress: HARNESS }));
  }

  /** Resolves when Linux's reply to a new echo request is back. */
  ping(): Promise<void> {
    const seq = (this.seq = (this.seq + 1) & 0xffff);
    const replied = new Promise<void>((resolve) => this.waiting.set(seq, resolve));
    const request = buildIcmp({ src: HARNESS, dst: LINUX, message: { kind: 'echoRequest', id: ECHO_ID, seq, data: new Uint8Array(56) } });
    return Promise.all([this.agent.inject(request), replied]).then(() => undefined);
  }
}

/** `run(pinger)` on a fresh agent, closed after; or skipped where there is no TUN bridge. */
async function withPinger<T>(figure: string, run: (pinger: Pinger) => Promise<T>): Promise<T | SkippedFigure> {
  const probe = probeTun();
  if (!probe.ok) return { figure, skipped: probe.cause };
  const pinger = await Pinger.start();
  try {
    return await run(pinger);
  } finally {
    await pinger.agent.close();
  }
}

export const tunRoundTrip: FigureSource = {
  figure: 'tun.round_trip_us',
  measure: () =>
    withPinger('tun.round_trip_us', async (pinger) => {
      for (let i = 0; i < ROUND_TRIPS; i++) await pinger.ping();
      const timesUs: number[] = [];
      for (let i = 0; i < ROUND_TRIPS; i++) {
        const start = process.hrtime.bigint();
        await pinger.ping();
        timesUs.push(Number(process.hrtime.bigint() - start) / 1000);
      }
      timesUs.sort((a, b) => a - b);
      return { figure: 'tun.round_trip_us', value: Math.round(timesUs[Math.floor(timesUs.length / 2)]!), unit: 'µs' };
    }),
};

export const tunPackets: FigureSource = {
  figure: 'tun.packets_per_second',
  measure: () =>
    withPinger('tun.packets_per_second', (pinger) => {
      const flood: Benchmark = {
        figure: 'tun.packets_per_second',
        unit: 'packets/s',
        async run() {
          let sent = 0;
          const lane = async (): Promise<void> => {
            while (sent < FLOOD) {
              sent++;
              await pinger.ping();
            }
          };
          await Promise.all(Array.from({ length: WINDOW }, lane));
          // A request in, a reply out.
          return 2 * FLOOD;
        },
      };
      return measure(flood);
    }),
};
