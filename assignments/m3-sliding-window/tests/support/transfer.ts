/**
 * Bulk transfers between the stack under test and a peer stack over a simulated link that may
 * lose, reorder, duplicate and damage packets: the byte streams each program wrote and read, the
 * packet trace, and a check that every byte arrived once, in order, whose failure says which
 * direction, which impairment, how far the transfer got, where the streams first differ, the seed
 * and the pcap.
 *
 * The peer is given by the caller: public tests put the stack against itself (students have no
 * reference), hidden tests pass the reference (m1's reference-peer.ts). Each program writes with a
 * cycle of write sizes, shuts down its sending side when done, and its reader reads with a cycle of
 * read sizes (optionally pausing between reads: a slow reader) until the end of the stream, so
 * that bytes delivered twice show as extra bytes. A virtual-time limit ends a transfer that stalls.
 */
import { INADDR_ANY, type CreateKernel, type Fd, type SockAddr } from '../../../../harness/contract';
import { artifactPath } from '../../../../harness/checks/evidence';
import type { ImpairmentOptions } from '../../../../harness/sim/impairments';
import type { LinkOptions } from '../../../../harness/sim/link';
import type { Trace } from '../../../../harness/sim/trace';
import type { NetTest } from '../../../../harness/testkit';
import { seededBytes, sha256 } from '../../../../harness/sim/seeded-data';
import { transferProgram, type Reading, type ReadPlan, type WritePlan } from './transfer-program';

/** The port the server listens on. */
export const TRANSFER_PORT = 5001;

/** Which way the data goes: from the stack under test to its peer, the other way, or both at once. */
export type Direction = 'stack→peer' | 'peer→stack' | 'both';

/** One way of a transfer, named from the stack under test's side. */
export type Way = 'stack→peer' | 'peer→stack';

/** A link for bulk transfers: 10 Mbit/s, 5 ms one way (RTT ≈ 10 ms plus serialization). */
export const TRANSFER_LINK: LinkOptions = { rateBps: 10_000_000, delayUs: 5_000 };

export interface TransferSpec {
  /** Bytes written in each direction that carries data. */
  readonly bytes: number;
  readonly direction: Direction;
  /** The other end: the reference (hidden tests) or the stack under test itself (default). */
  readonly peer?: CreateKernel;
  /** What the peer is, for messages: "the reference", "a second copy of the stack". */
  readonly peerName?: string;
  /** Which end the stack under test is (default the client, which connects). */
  readonly stackRole?: 'client' | 'server';
  /** Impairments of both links (each link draws from its own seeded streams). */
  readonly impairments?: ImpairmentOptions;
  /**
   * Impair only the link the data crosses, not the ACKs' (one-way transfers). For burst loss: its
   * chain moves on per packet, and a stalled sender's ACK path carries one packet per RTO, so a
   * burst there can outlast the retry budget of any stack.
   */
  readonly dataPathOnly?: boolean;
  /** The impairment in words, for messages ("2% loss"). */
  readonly impairment: string;
  /** The link (default {@link TRANSFER_LINK}); impairments are added to it. */
  readonly link?: LinkOptions;
  /** Both hosts' MTU (default Ethernet's, 1500). */
  readonly mtu?: number;
  /** Sizes of successive send() calls, cycled (default one call per 16 KiB). */
  readonly writeSizes?: readonly number[];
  /** Sizes of successive recv() calls, cycled (default 64 KiB). */
  readonly readSizes?: readonly number[];
  /** A slow reader: virtual ms the reader sleeps before each recv() (default 0). */
  readonly readPauseMs?: number;
  /** SO_RCVBUF of both ends, set before the connection opens (default: the stack's default). */
  readonly rcvbuf?: number;
  /** Virtual seconds the whole transfer may take before it counts as stalled. */
  readonly limitSeconds: number;
  /** Label of the payload's random stream (default "payload"). */
  readonly label?: string;
}

/** One way of a finished (or stalled) transfer. */
export interface WayResult {
  readonly way: Way;
  readonly sent: Uint8Array;
  readonly received: Uint8Array;
  /** Whether the reader saw the end of the stream. */
  readonly ended: boolean;
  /** The sender's and the receiver's socket addresses (the connection's two ends). */
  readonly from: SockAddr;
  readonly to: SockAddr;
}

export interface TransferResult {
  readonly spec: TransferSpec;
  readonly seed: number;
  readonly ways: readonly WayResult[];
  readonly trace: Trace;
  /** Virtual time the transfer took, from the connect to the last byte read (µs). */
  readonly elapsedUs: number;
  /** Why the transfer stopped early (the time limit, an error of a call), if it did. */
  readonly stalled: string | undefined;
}

/**
 * Open a connection between the stack under test and the peer over an impaired link, carry
 * `spec.bytes` in `spec.direction`, and return what was written and read. Never throws for a
 * transfer that stalls or fails: the result says so (see {@link expectDelivered}).
 */
export async function runTransfer(t: NetTest, spec: TransferSpec): Promise<TransferResult> {
  const stackRole = spec.stackRole ?? 'client';
  const peer = spec.peer ?? t.stack.createKernel;
  const impaired: LinkOptions = spec.impairments ? { impairments: spec.impairments } : {};
  if (spec.dataPathOnly && spec.direction === 'both') throw new Error('dataPathOnly needs a one-way transfer');
  // Host a is the client: the data leaves it when the stack sends and is the client, or receives and is not.
  const dataFromA = (spec.direction === 'stack→peer') === (stackRole === 'client');
  const net = t.twoStacks({
    a: stackRole === 'client' ? t.stack.createKernel : peer,
    b: stackRole === 'client' ? peer : t.stack.createKernel,
    link: { ...TRANSFER_LINK, ...spec.link, ...(spec.dataPathOnly ? {} : impaired) },
    ...(spec.dataPathOnly ? (dataFromA ? { ab: impaired } : { ba: impaired }) : {}),
    timeLimitUs: Math.round(spec.limitSeconds * 1_000_000),
    ...(spec.mtu === undefined ? {} : { mtu: spec.mtu }),
  });
  const [client, server] = [net.sysA, net.sysB];
  const stack = stackRole === 'client' ? client : server;
  const other = stackRole === 'client' ? server : client;
  const label = spec.label ?? 'payload';
  const ways: Way[] = spec.direction === 'both' ? ['stack→peer', 'peer→stack'] : [spec.direction];
  const data = new Map<Way, Uint8Array>(ways.map((way) => [way, seededBytes(t.seed, `${label} ${way}`, spec.bytes)]));
  const readings = new Map<Way, Reading>(ways.map((way) => [way, { chunks: [], got: 0, ended: false }]));
  const writeSizes = spec.writeSizes ?? [16_384];
  const readSizes = spec.readSizes ?? [65_536];
  let stalled: string | undefined;
  let startedUs = net.sim.nowUs;
  let stackFd: Fd | undefined;
  let otherFd: Fd | undefined;
  let stackAddr: SockAddr = { address: stack.host.address, port: 0 };
  let otherAddr: SockAddr = { address: other.host.address, port: 0 };
  try {
    const listener = await server.socket('tcp');
    if (spec.rcvbuf !== undefined) await server.setsockopt(listener, 'SO_RCVBUF', spec.rcvbuf);
    await server.bind(listener, { address: INADDR_ANY, port: TRANSFER_PORT });
    await server.listen(listener, 4);
    const fd = await client.socket('tcp');
    if (spec.rcvbuf !== undefined) await client.setsockopt(fd, 'SO_RCVBUF', spec.rcvbuf);
    startedUs = net.sim.nowUs;
    const [accepted] = await Promise.all([server.accept(listener), client.connect(fd, { address: server.host.address, port: TRANSFER_PORT })]);
    if (spec.rcvbuf !== undefined) await server.setsockopt(accepted.fd, 'SO_RCVBUF', spec.rcvbuf);
    [stackFd, otherFd] = stackRole === 'client' ? [fd, accepted.fd] : [accepted.fd, fd];
    stackAddr = await stack.getsockname(stackFd);
    otherAddr = await other.getsockname(otherFd);
    // One program per host.
    const pause = spec.readPauseMs ?? 0;
    const programs: Promise<void>[] = [];
    const writePlan = (way: Way): WritePlan | undefined => (ways.includes(way) ? { data: data.get(way)!, sizes: writeSizes } : undefined);
    const readPlan = (way: Way): ReadPlan | undefined => (ways.includes(way) ? { into: readings.get(way)!, sizes: readSizes, pauseMs: pause } : undefined);
    for (const [sys, fd, out, back] of [
      [stack, stackFd, 'stack→peer', 'peer→stack'],
      [other, otherFd, 'peer→stack', 'stack→peer'],
    ] as const) {
      // An end that only reads ends its own (empty) half first, as such a program would.
      const onlyReads = writePlan(out) === undefined ? sys.shutdown(fd, 'wr') : Promise.resolve();
      programs.push(onlyReads.then(() => transferProgram(sys, fd, writePlan(out), readPlan(back))));
    }
    const results = await Promise.allSettled(programs);
    const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) stalled = failure.reason instanceof Error ? failure.reason.message : String(failure.reason);
  } catch (error) {
    stalled = error instanceof Error ? error.message : String(error);
  }
  const elapsedUs = net.sim.nowUs - startedUs;
  return {
    spec,
    seed: t.seed,
    trace: net.trace,
    elapsedUs,
    stalled,
    ways: ways.map((way) => {
      const reading = readings.get(way)!;
      const [from, to] = way === 'stack→peer' ? [stackAddr, otherAddr] : [otherAddr, stackAddr];
      return { way, sent: data.get(way)!, received: Buffer.concat(reading.chunks), ended: reading.ended, from, to };
    }),
  };
}

/** The first offset where `a` and `b` differ (the shorter length when one is a prefix of the other); -1 when equal. */
export function firstDifferingOffset(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  const chunk = 4096;
  for (let at = 0; at < n; at += chunk) {
    const end = Math.min(n, at + chunk);
    if (Buffer.compare(a.subarray(at, end), b.subarray(at, end)) !== 0) {
      for (let i = at; i < end; i++) if (a[i] !== b[i]) return i;
    }
  }
  return a.length === b.length ? -1 : n;
}

/** What the bytes received at `offset` are, when they are not the bytes sent there. */
function diagnose(sent: Uint8Array, received: Uint8Array, offset: number): string {
  if (offset >= received.length) return `the stream ended (or stalled) after ${received.length} of ${sent.length} bytes`;
  if (offset >= sent.length) return `${received.length - sent.length} bytes more than were sent were delivered: data delivered twice`;
  const probe = Buffer.from(received.subarray(offset, Math.min(received.length, offset + 32)));
  const at = Buffer.from(sent).indexOf(probe);
  if (at < 0) return `the bytes delivered at offset ${offset} were never sent at all (damaged data delivered?)`;
  if (at < offset) return `the bytes delivered at offset ${offset} are the bytes sent at offset ${at}: data delivered twice`;
  return `the bytes delivered at offset ${offset} are the bytes sent at offset ${at}: ${at - offset} bytes were skipped or delivered out of order`;
}

/** How a transfer is named in messages. */
export function describeTransfer(result: TransferResult, way?: Way): string {
  const { spec } = result;
  const peerName = spec.peerName ?? 'a second copy of the stack';
  const dir = way ?? spec.direction;
  const words = dir === 'stack→peer' ? `from the stack to ${peerName}` : dir === 'peer→stack' ? `from ${peerName} to the stack` : `both ways between the stack and ${peerName}`;
  const mtu = spec.mtu === undefined ? '' : `, MTU ${spec.mtu}`;
  return `${spec.bytes} bytes ${words}${spec.direction === 'both' && way ? ' (both directions at once)' : ''}, ${spec.impairment}${mtu}`;
}

/** Where the harness writes the pcap of the running test when it fails. */
function pcapPath(): string {
  const { testPath, currentTestName } = expect.getState();
  return testPath && currentTestName ? artifactPath(testPath, currentTestName) : 'artifacts/…';
}

/**
 * Fail unless every way of the transfer delivered exactly the bytes written, once each, in order,
 * and saw the end of the stream. Compared by sha256 (and by content, to say where they differ).
 */
export function expectDelivered(result: TransferResult): void {
  for (const w of result.ways) {
    const same = w.received.length === w.sent.length && sha256(w.received) === sha256(w.sent);
    if (same && w.ended && result.stalled === undefined) continue;
    const offset = firstDifferingOffset(w.sent, w.received);
    // A stub of the starter stops everything: say so first.
    const notImplemented = result.stalled !== undefined && /not implemented \(m\d+: /.test(result.stalled);
    const lines = [
      notImplemented ? `${result.stalled}` : '',
      `transfer of ${describeTransfer(result, w.way)} failed: ${w.received.length} of ${w.sent.length} bytes delivered` +
        (offset >= 0 ? `, first differing offset ${offset}: ${diagnose(w.sent, w.received, offset)}` : ', the bytes are right') +
        (w.ended ? '' : '; the reader never saw the end of the stream'),
      `  sha256 sent ${sha256(w.sent).slice(0, 16)}…, delivered ${sha256(w.received).slice(0, 16)}…`,
      result.stalled !== undefined ? `  stopped: ${result.stalled}` : '',
      `  virtual time ${(result.elapsedUs / 1e6).toFixed(3)} s (limit ${result.spec.limitSeconds} s), seed ${result.seed}, pcap ${pcapPath()}`,
    ];
    throw new Error(lines.filter((line) => line !== '').join('\n'));
  }
}

/** Fail unless the transfer took at most `seconds` of virtual time (a stack that stalls on every loss is slow). */
export function expectWithin(result: TransferResult, seconds: number, why: string): void {
  if (result.elapsedUs <= seconds * 1_000_000) return;
  throw new Error(
    `transfer of ${describeTransfer(result)} took ${(result.elapsedUs / 1e6).toFixed(3)} s of virtual time, more than ${seconds} s: ${why} ` +
      `(seed ${result.seed}, pcap ${pcapPath()})`,
  );
}
