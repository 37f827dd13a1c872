/**
 * The fuzz loop: damaged packets, one after another, into the kernel's `receive`. The kernel must
 * never throw, must answer each packet as its verdict says (port unreachable, echo reply, or
 * nothing), and after each run of packets its counters must have moved by what the verdicts add up
 * to and its socket must hold exactly the datagrams that deserved delivery, intact and in order.
 *
 * Counters and the queue are checked per run of packets, since every read is a round trip to the
 * kernel; when a run breaks a rule, the packets are replayed one by one on a fresh kernel to name
 * the first packet that breaks it, with everything needed to reproduce it.
 */
import { INADDR_ANY, NotImplemented, type CreateKernel } from '../../../../../harness/contract';
import { checkTransmitted, queueProblems, type Delivery } from './checks';
import { openFuzzedKernel, type FuzzedKernel } from './fuzzed-kernel';
import { BatchFailure, FuzzFailure, type Fail, type FuzzCase } from './failure';
import { CounterLedger } from './ledger';
import { fuzzCases } from './packets';
import type { FuzzTarget } from './templates';
import { counterRule, verdictOf, type VerdictKind } from './verdict';

const TARGET: FuzzTarget = { stackAddress: '10.0.0.1', peerAddress: '10.0.0.2', openPort: 7000, closedPort: 9 };
/** Packets per run between reads of the counters and the queue; their deliveries fit the default SO_RCVBUF. */
const RUN_LENGTH = 250;

export interface FuzzOptions {
  readonly createKernel: CreateKernel;
  readonly seed: number;
  readonly packets: number;
}

/** How many packets got each verdict: shows that the run reached every path it claims to test. */
export type FuzzTally = Record<VerdictKind, number>;

/** Run `packets` damaged packets through a fresh kernel; throws a {@link FuzzFailure} naming the first packet that breaks a rule. */
export async function fuzzReceive({ createKernel, seed, packets }: FuzzOptions): Promise<FuzzTally> {
  try {
    return await fuzz(createKernel, seed, packets, RUN_LENGTH);
  } catch (error) {
    if (!(error instanceof BatchFailure)) throw error;
    // Replaying one packet per run throws the packet's own failure, if the kernel repeats itself.
    await fuzz(createKernel, seed, error.last + 1, 1);
    throw error;
  }
}

async function fuzz(createKernel: CreateKernel, seed: number, packets: number, runLength: number): Promise<FuzzTally> {
  const kernel = openFuzzedKernel(createKernel, TARGET.stackAddress, seed);
  try {
    const fd = await kernel.call('socket', 'udp');
    await kernel.call('bind', fd, { address: INADDR_ANY, port: TARGET.openPort });
    const tally: FuzzTally = { 'dropped by IPv4': 0, 'dropped by UDP': 0, delivered: 0, 'no port': 0, ICMP: 0, TCP: 0 };
    let run = { first: 0, ledger: new CounterLedger(), deliveries: [] as Delivery[], before: await kernel.call('counters') };
    for (const fuzzed of fuzzCases(TARGET, seed, packets)) {
      const verdict = verdictOf(fuzzed.packet, TARGET);
      const sent = await receive(kernel, fuzzed, (problem) => new FuzzFailure(seed, fuzzed, verdict, problem));
      checkTransmitted(sent, TARGET.stackAddress, verdict, (problem) => new FuzzFailure(seed, fuzzed, verdict, problem));
      run.ledger.add(counterRule(verdict), sent.length);
      if (verdict.kind === 'delivered') run.deliveries.push(verdict);
      tally[verdict.kind]++;
      if (fuzzed.index - run.first + 1 < runLength && fuzzed.index + 1 < packets) continue;
      const after = await kernel.call('counters');
      const problems = [...run.ledger.problems(run.before, after), ...(await queueProblems(kernel, fd, run.deliveries))];
      if (problems.length > 0) {
        const why = problems.join('; ');
        // A run of one packet is that packet's failure.
        throw runLength === 1 ? new FuzzFailure(seed, fuzzed, verdict, why) : new BatchFailure(seed, run.first, fuzzed.index, why);
      }
      run = { first: fuzzed.index + 1, ledger: new CounterLedger(), deliveries: [], before: after };
    }
    return tally;
  } finally {
    await kernel.dispose();
  }
}

async function receive(kernel: FuzzedKernel, fuzzed: FuzzCase, fail: Fail): Promise<Uint8Array[]> {
  try {
    // A copy: the kernel owns what it receives, and a failure message must show the packet as sent.
    return await kernel.receive(fuzzed.packet.slice());
  } catch (error) {
    if (error instanceof NotImplemented) throw error;
    throw fail(`receive() threw: ${error instanceof Error ? error.message : String(error)}; it must drop and count a bad packet, never throw`);
  }
}
