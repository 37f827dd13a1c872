/** The rules fuzzed packets are held to: what the kernel answers each one, and what its queue holds after a run of them. */
import { isSocketError, NotImplemented, type Fd } from '../../../../../harness/contract';
import { expectUnreachable } from '../../../../../harness/checks/expect-packet';
import { KernelLost } from '../../../../../harness/port';
import { checksumProblems, decodePacket, formatPacket } from '../../../../../harness/wire';
import type { FuzzedKernel } from './fuzzed-kernel';
import type { Fail } from './failure';
import type { Verdict } from './verdict';

/** The stack answered only what deserves an answer, and answered it well-formed. */
export function checkTransmitted(sent: readonly Uint8Array[], stackAddress: string, verdict: Verdict, fail: Fail): void {
  const shown = (): string => sent.map((packet) => formatPacket(packet)).join(' | ');
  switch (verdict.kind) {
    case 'no port':
      if (sent.length !== 1) throw fail(`expected one ICMP port unreachable in answer, the stack sent ${sent.length} packets: ${shown()}`);
      try {
        expectUnreachable({ timeUs: 0, packet: sent[0]! }, { src: stackAddress, dst: verdict.source, code: 3, quotedPorts: verdict.ports });
      } catch (error) {
        throw fail(`its answer is wrong: ${error instanceof Error ? error.message : String(error)}`);
      }
      return;
    case 'ICMP':
      for (const packet of sent) {
        const decoded = decodePacket(packet);
        const problems = decoded.ok ? checksumProblems(decoded.value) : [decoded.reason];
        if (problems.length > 0) throw fail(`the stack answered with a bad packet: ${shown()} (${problems.join('; ')})`);
      }
      return;
    case 'TCP':
      return;
    default:
      if (sent.length > 0) throw fail(`the stack should stay silent, but sent: ${shown()}`);
  }
}

/** A datagram the socket must have received, in order. */
export type Delivery = Extract<Verdict, { kind: 'delivered' }>;

/**
 * Read the socket's queue to its end; the problems with it, compared with `expected` (empty when it
 * holds exactly those). The reads are made together, one batch for the kernel: one read more than
 * `expected` must fail with EAGAIN, and a read past the end of a queue changes nothing.
 */
export async function queueProblems(kernel: FuzzedKernel, fd: Fd, expected: readonly Delivery[]): Promise<string[]> {
  const problems: string[] = [];
  const reads = await Promise.allSettled(Array.from({ length: expected.length + 1 }, () => kernel.call('recvfrom', fd, 0xffff)));
  for (const [i, read] of reads.entries()) {
    if (read.status === 'rejected') {
      const error: unknown = read.reason;
      if (error instanceof NotImplemented || error instanceof KernelLost) throw error;
      if (!isSocketError(error, 'EAGAIN')) return [...problems, `recvfrom threw ${error instanceof Error ? error.message : String(error)}`];
      if (i < expected.length) problems.push(`${expected.length - i} of the ${expected.length} datagrams that should have been delivered are not in the queue`);
      return problems;
    }
    const received = read.value;
    const wanted = expected[i];
    if (!wanted) {
      problems.push(`the queue holds a datagram that should have been dropped: ${received.data.length} bytes from ${received.from.address}:${received.from.port}`);
      continue;
    }
    const same = received.data.length === wanted.payload.length && received.data.every((byte, at) => byte === wanted.payload[at]);
    if (!same || received.from.address !== wanted.from.address || received.from.port !== wanted.from.port) {
      problems.push(`datagram ${i + 1} of the queue is ${received.data.length} bytes from ${received.from.address}:${received.from.port}, expected ${wanted.payload.length} bytes from ${wanted.from.address}:${wanted.from.port}`);
    }
  }
  return problems;
}
