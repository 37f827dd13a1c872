/**
 * One CUBIC flow (RFC 9438) from the stack under test to the reference, and the one loss that
 * starts its congestion-avoidance epoch: a long round trip and small segments, so that the window
 * grows large (hundreds of segments) inside a 64 KB receive window, where CUBIC's curve and
 * Reno's line part ways. The sender's tcpInfo is read throughout.
 */
import { INADDR_ANY, type CreateKernel } from '../../../../harness/contract';
import type { NetTest } from '../../../../harness/testkit';
import { recordCongestion, type CongestionSample } from './congestion-samples';

/** 150 ms each way. */
export const CUBIC_RTT_MS = 300;
/** What a segment carries: the MSS of a path whose MTU is 576 bytes, so that 64 KB hold 122 segments. */
const SEGMENT_BYTES = 536;
/** The data segment dropped: sent in slow start with cwnd near 40, found lost with it near 70. */
const DROPPED_SEGMENT = 60;
/** How long the flow runs: the loss, then beyond the epoch's K (about 4 s). */
const RUN_MS = 9_000;
const SAMPLE_MS = 10;
const PORT = 5001;
/** Sends never wait for room: the window, not the buffer, limits the flow. */
const SEND_BUFFER = 1 << 20;

/** Run the flow; every reading of the sender's congestion control. */
export async function runCubicEpoch(t: NetTest, receiver: CreateKernel): Promise<readonly CongestionSample[]> {
  const net = t.twoStacks({ a: t.stack.createKernel, b: receiver, link: { delayUs: (CUBIC_RTT_MS / 2) * 1000 }, mtu: 40 + SEGMENT_BYTES });
  let dataSegments = 0;
  net.links.ab.dropWhere((packet) => packet.length > 40 + SEGMENT_BYTES / 2 && ++dataSegments === DROPPED_SEGMENT);
  const [client, server] = [net.sysA, net.sysB];
  const listener = await server.socket('tcp');
  await server.bind(listener, { address: INADDR_ANY, port: PORT });
  await server.listen(listener, 1);
  const fd = await client.socket('tcp');
  await client.setsockopt(fd, 'TCP_CONGESTION', 'cubic');
  await client.setsockopt(fd, 'SO_SNDBUF', SEND_BUFFER);
  const [{ fd: accepted }] = await Promise.all([server.accept(listener), client.connect(fd, { address: net.b.address, port: PORT })]);
  const record = recordCongestion(net.sim, client, fd, SAMPLE_MS);
  let failure: string | undefined;
  const fail = (side: string) => (error: unknown) => void (failure ??= `the ${side} failed: ${error instanceof Error ? error.message : String(error)}`);
  void (async () => {
    const chunk = new Uint8Array(64 * 1024);
    for (;;) await client.send(fd, chunk);
  })().catch(fail('sender'));
  void (async () => {
    for (;;) if ((await server.recv(accepted, 1 << 16)).length === 0) return;
  })().catch(fail('receiver'));
  await net.sim.sleep(RUN_MS, 'the CUBIC flow');
  failure ??= record.failure();
  if (failure) throw new Error(`the flow stopped: ${failure}`);
  return record.samples;
}
