/**
 * One bulk transfer between two copies of the reference stack on the simulator, for the bench's
 * goodput figures: the client writes everything and shuts down its half, the server reads to end
 * of file, and the bytes that arrived are checked against those sent (a figure of a broken
 * transfer would mean nothing). Both wall-clock and virtual time are measured, from the connect
 * to the last byte read.
 */
import { INADDR_ANY } from '../harness/contract';
import { loadSubmission } from '../harness/loader';
import { Sys } from '../harness/runtime';
import { seededBytes } from '../harness/sim/seeded-data';
import type { LinkOptions } from '../harness/sim/link';
import { DEFAULT_SEED } from '../harness/sim/rng';
import type { PortFactory } from '../harness/sim/topology';
import { twoHosts } from '../harness/sim/two-hosts';

const PORT = 5001;
const WRITE_SIZE = 64 * 1024;
const READ_SIZE = 64 * 1024;

export interface SimTransfer {
  readonly bytes: number;
  readonly wallSeconds: number;
  readonly virtualSeconds: number;
}

/** Goodput in Mbit/s of `bytes` in `seconds`. */
export const mbitPerSecond = (bytes: number, seconds: number): number => (bytes * 8) / seconds / 1e6;

async function sendAll(sys: Sys, fd: number, data: Uint8Array): Promise<void> {
  for (let sent = 0; sent < data.length; ) sent += await sys.send(fd, data.subarray(sent, sent + WRITE_SIZE));
  await sys.shutdown(fd, 'wr');
}

/**
 * Reads to end of file, checking each chunk against the bytes sent at its offset as it arrives,
 * and returns how many bytes matched: a byte compare costs about what the copy into the chunk did,
 * where keeping every chunk for a check after the clock would hold the whole transfer in the heap
 * and time the garbage collector's work on it (Node's `net`, the yardstick, keeps nothing).
 */
async function receiveAll(sys: Sys, fd: number, sent: Uint8Array): Promise<number> {
  let matched = 0;
  for (;;) {
    const chunk = await sys.recv(fd, READ_SIZE);
    if (chunk.length === 0) return matched;
    if (Buffer.compare(chunk, sent.subarray(matched, matched + chunk.length)) !== 0) {
      throw new Error(`the simulated bulk transfer delivered bytes at offset ${matched} that were not sent there`);
    }
    matched += chunk.length;
  }
}

/**
 * The bytes to send, made once per size: made anew for each run, their megabytes would press the
 * garbage collector into the timed runs that follow (Node's `net` sends one buffer again and again).
 */
const payloads = new Map<number, Uint8Array>();

function payloadOf(bytes: number): Uint8Array {
  let data = payloads.get(bytes);
  if (!data) payloads.set(bytes, (data = seededBytes(DEFAULT_SEED, 'sim bulk', bytes)));
  return data;
}

/** The link's MTU (default Ethernet's), and how each host's kernel is reached (default: in this process). */
export interface SimTransferOptions {
  readonly mtu?: number;
  readonly portFactory?: PortFactory;
}

/** Carry `bytes` from one reference to another over `link`; throws unless every byte arrived in order. */
export async function simBulkTransfer(bytes: number, link: LinkOptions, options: SimTransferOptions = {}): Promise<SimTransfer> {
  const { createKernel } = loadSubmission('reference');
  const net = twoHosts({ seed: DEFAULT_SEED, a: { createKernel }, b: { createKernel }, link, ...options });
  try {
    const [client, server] = [new Sys(net.a), new Sys(net.b)];
    const data = payloadOf(bytes);
    const listener = await server.socket('tcp');
    await server.bind(listener, { address: INADDR_ANY, port: PORT });
    await server.listen(listener, 1);
    const fd = await client.socket('tcp');
    const startedWall = performance.now();
    const startedUs = net.sim.nowUs;
    const [accepted] = await Promise.all([server.accept(listener), client.connect(fd, { address: net.b.address, port: PORT })]);
    const [, received] = await Promise.all([sendAll(client, fd, data), receiveAll(server, accepted.fd, data)]);
    const wallSeconds = (performance.now() - startedWall) / 1000;
    const virtualSeconds = (net.sim.nowUs - startedUs) / 1e6;
    if (received !== bytes) throw new Error(`the simulated bulk transfer delivered ${received} of ${bytes} bytes`);
    return { bytes, wallSeconds, virtualSeconds };
  } finally {
    await Promise.all([net.a.dispose(), net.b.dispose()]);
  }
}
