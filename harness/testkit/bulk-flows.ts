/**
 * Bulk flows across a dumbbell's bottleneck, each from a left host to the right host facing it,
 * that send without end: what congestion control is measured on (milestone 4's fairness and
 * utilization tests, and the benchmark of the same scenario). Each flow counts the bytes its
 * receiver has read, so that a test can take the shares of any stretch of virtual time.
 *
 * The scenario: 10 Mbit/s of bottleneck per flow, a round trip of 24 ms (1 ms of access link on
 * each side, 10 ms of bottleneck, each way), and a drop-tail queue of one bandwidth-delay product.
 * Per flow that is 20 packets of path and 20 of queue, so a flow's window peaks at 40 segments:
 * within the 64 KB a window reaches without window scaling (which no milestone asks for), and
 * large enough that one loss brings three duplicate ACKs, not a timeout. With one bottleneck of
 * 10 Mbit/s for four flows, windows of 5 to 10 segments made timeouts, not congestion control,
 * decide the shares (Jain's index 0.89 to 0.93 for the reference).
 */
import { INADDR_ANY } from '../contract';
import { describeCall } from '../port';
import { Sys, unlessWouldBlock } from '../runtime';
import { Wait } from '../runtime/wait';
import type { Dumbbell } from '../sim/dumbbell';
import type { LinkOptions } from '../sim/link';

/** The round trip of the flows' path: 2 × (1 ms + 10 ms + 1 ms). */
export const FLOW_RTT_MS = 24;
/** The bottleneck's share of each flow. */
const BPS_PER_FLOW = 10e6;
/** A full-sized packet on the bottleneck, for the queue's size in packets. */
const PACKET_BYTES = 1500;

/** The bottleneck for `flows` flows (see the file comment): both directions, as dumbbell() takes it. */
export function flowBottleneck(flows: number): LinkOptions & { readonly rateBps: number } {
  const rateBps = BPS_PER_FLOW * flows;
  const bdpPackets = Math.round((rateBps * FLOW_RTT_MS) / 1000 / 8 / PACKET_BYTES);
  return { rateBps, delayUs: 10_000, queue: { packets: bdpPackets } };
}

/** The port every flow's receiver listens on (one receiver per right host). */
const FLOW_PORT = 5001;
const WRITE_SIZE = 16 * 1024;
const READ_SIZE = 64 * 1024;

/** Jain's fairness index of `shares`: 1 when all are equal, 1/n when one takes everything. */
export function jainIndex(shares: readonly number[]): number {
  const sum = shares.reduce((a, b) => a + b, 0);
  const squares = shares.reduce((a, b) => a + b * b, 0);
  return squares === 0 ? 1 : (sum * sum) / (shares.length * squares);
}

/** Where flows run: flow i goes from `left[i]` to `right[i]` (a dumbbell, or one pair of hosts). */
export type FlowNet = Pick<Dumbbell, 'sim' | 'left' | 'right'>;

/** Running flows: their senders, the bytes each receiver has read so far, and the first error a flow met. */
export interface BulkFlows {
  /** Flow i's sending end: its host's process view and the connected socket. */
  readonly senders: readonly { readonly sys: Sys; readonly fd: number }[];
  /** Bytes read by flow i's receiver so far (live: it grows as virtual time passes). */
  readonly received: readonly number[];
  /** Why a flow stopped early (a call failed), if one did. */
  readonly failure: () => string | undefined;
}

/** What flows delivered over a stretch of virtual time. */
export interface FlowShares {
  /** Bytes each flow delivered in the stretch. */
  readonly shares: readonly number[];
  /** Their sum over what the bottleneck could carry in the stretch (0–1). */
  readonly utilization: number;
  readonly fairness: number;
}

/**
 * Connect left host i to right host i for every pair and start sending from each left host
 * without end (until the simulator halts), flow i `startsMs[i]` ms of virtual time from now
 * (default at once). Resolves once every connection is open.
 */
export async function startBulkFlows(net: FlowNet, startsMs: readonly number[] = []): Promise<BulkFlows> {
  const received = new Array<number>(net.left.length).fill(0);
  const senders: { sys: Sys; fd: number }[] = [];
  let failure: string | undefined;
  const fail = (flow: number, side: string) => (error: unknown) => {
    failure ??= `flow ${flow + 1}'s ${side} failed: ${error instanceof Error ? error.message : String(error)}`;
  };
  await Promise.all(
    net.left.map(async (left, flow) => {
      const right = net.right[flow];
      if (!right) throw new Error(`flow ${flow + 1} has no right host to reach`);
      const [client, server] = [new Sys(left), new Sys(right)];
      const startMs = startsMs[flow] ?? 0;
      if (startMs > 0) await net.sim.sleep(startMs, `flow ${flow + 1}'s start`);
      const listener = await server.socket('tcp');
      await server.bind(listener, { address: INADDR_ANY, port: FLOW_PORT });
      await server.listen(listener, 1);
      const fd = await client.socket('tcp');
      const [accepted] = await Promise.all([server.accept(listener), client.connect(fd, { address: right.address, port: FLOW_PORT })]);
      senders[flow] = { sys: client, fd };
      void sendForever(client, fd).catch(fail(flow, 'sender'));
      void receiveForever(server, accepted.fd, (bytes) => (received[flow]! += bytes)).catch(fail(flow, 'receiver'));
    }),
  );
  return { senders, received, failure: () => failure };
}

/** The shares of `flows` over the next `ms` of virtual time, on a bottleneck of `bottleneckBps`. */
export async function measureShares(net: FlowNet, flows: BulkFlows, ms: number, bottleneckBps: number): Promise<FlowShares> {
  const before = [...flows.received];
  await net.sim.sleep(ms, 'the measured stretch of the flows');
  const shares = flows.received.map((count, flow) => count - before[flow]!);
  const utilization = (shares.reduce((a, b) => a + b, 0) * 8) / (ms / 1000) / bottleneckBps;
  return { shares, utilization, fairness: jainIndex(shares) };
}

async function sendForever(sys: Sys, fd: number): Promise<void> {
  const chunk = new Uint8Array(WRITE_SIZE);
  for (;;) await sys.send(fd, chunk);
}

/**
 * Read until the end of the stream, as an event loop reads: nonblocking, two reads at each moment
 * it wakes, made together, so that the read that finds the buffer drained travels with the one
 * that emptied it (one message to a stack in its own process, not two). The kernel sees the calls
 * a blocking reader's loop makes: a read, then another that would block.
 */
async function receiveForever(sys: Sys, fd: number, count: (bytes: number) => void): Promise<void> {
  sys.fcntl(fd, 'O_NONBLOCK');
  const wait = new Wait(sys.host, describeCall('recv', [fd, READ_SIZE]));
  for (;;) {
    const seen = sys.host.activity.version;
    const reads = await Promise.all([unlessWouldBlock(sys.recv(fd, READ_SIZE)), unlessWouldBlock(sys.recv(fd, READ_SIZE))]);
    for (const data of reads) {
      if (data?.length === 0) return;
      if (data) count(data.length);
    }
    // Each read that found data notified the host's activity; one that would have blocked did not.
    const found = reads.filter((data) => data !== undefined).length;
    if (found < reads.length) await wait.sleep(seen, found);
  }
}
