/**
 * The fuzz loop: damaged packets, one after another, into the kernel's `receive`, a run of them
 * in one batch (one message to a kernel in its own process). The kernel must never throw, must
 * answer each packet as its verdict says (port unreachable, echo reply, or nothing), and after each
 * run of packets its counters must have moved by what the verdicts add up to and its socket must
 * hold exactly the datagrams that deserved delivery, intact and in order.
 *
 * Counters and the queue are checked per run of packets rather than per packet, which keeps the
 * reads few; when a run breaks a rule, the packets are replayed one by one on a fresh kernel to name
 * the first packet that breaks it, with everything needed to reproduce it.
 */
import { INADDR_ANY, NotImplemented, type Counters, type CreateKernel, type Fd } from '../../../../../harness/contract';
import { KernelLost } from '../../../../../harness/port';
import { checkTransmitted, queueProblems, type Delivery } from './checks';
import { openFuzzedKernel, type FuzzedKernel } from './fuzzed-kernel';
import { BatchFailure, FuzzFailure, type Fail, type FuzzCase } from './failure';
import { CounterLedger } from './ledger';
import { fuzzCases } from './packets';
import type { FuzzTarget } from './templates';
import { counterRule, verdictOf, type Verdict, type VerdictKind } from './verdict';

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
    let before = await kernel.call('counters');
    // One run is in the kernel's hands while the one before it is checked: in its own process, the
    // kernel works on the next run while the judge checks the last.
    let previous: SentRun | undefined;
    for (const run of runsOf(fuzzCases(TARGET, seed, packets), runLength)) {
      const sent = send(kernel, fd, run);
      if (previous) before = await check(previous, before, seed, tally);
      previous = sent;
    }
    if (previous) await check(previous, before, seed, tally);
    return tally;
  } finally {
    await kernel.dispose();
  }
}

/** A run of packets handed to the kernel, and the reads of its counters and queue that follow it. */
interface SentRun {
  readonly run: readonly FuzzCase[];
  readonly verdicts: readonly Verdict[];
  readonly answers: Promise<PromiseSettledResult<Uint8Array[]>[]>;
  readonly counters: Promise<Counters>;
  readonly queue: Promise<string[]>;
}

function send(kernel: FuzzedKernel, fd: Fd, run: readonly FuzzCase[]): SentRun {
  const verdicts = run.map((fuzzed) => verdictOf(fuzzed.packet, TARGET));
  // Copies: the kernel owns what it receives, and a failure message must show the packet as sent.
  const answers = Promise.allSettled(run.map((fuzzed) => kernel.receive(fuzzed.packet.slice())));
  const deliveries = verdicts.filter((verdict): verdict is Delivery => verdict.kind === 'delivered');
  return { run, verdicts, answers, counters: checkedLater(kernel.call('counters')), queue: checkedLater(queueProblems(kernel, fd, deliveries)) };
}

/** Check a sent run: each packet's answer, then the counters and the queue; resolves to the counters after it. */
async function check({ run, verdicts, answers, counters, queue }: SentRun, before: Counters, seed: number, tally: FuzzTally): Promise<Counters> {
  const ledger = new CounterLedger();
  for (const [i, answer] of (await answers).entries()) {
    const fuzzed = run[i]!;
    const verdict = verdicts[i]!;
    const fail: Fail = (problem) => new FuzzFailure(seed, fuzzed, verdict, problem);
    const sent = transmitted(answer, fail);
    checkTransmitted(sent, TARGET.stackAddress, verdict, fail);
    ledger.add(counterRule(verdict), sent.length);
    tally[verdict.kind]++;
  }
  const after = await counters;
  const problems = [...ledger.problems(before, after), ...(await queue)];
  if (problems.length > 0) {
    const why = problems.join('; ');
    const last = run[run.length - 1]!;
    // A run of one packet is that packet's failure.
    throw run.length === 1 ? new FuzzFailure(seed, last, verdicts[0]!, why) : new BatchFailure(seed, run[0]!.index, last.index, why);
  }
  return after;
}

/**
 * `promise`, which is awaited only after the run before it is checked: should that check fail
 * first, its rejection is no one's, and must not count as unhandled.
 */
function checkedLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** `cases` in runs of `length` (the last may be shorter). */
function* runsOf(cases: Iterable<FuzzCase>, length: number): Generator<FuzzCase[]> {
  let run: FuzzCase[] = [];
  for (const fuzzed of cases) {
    run.push(fuzzed);
    if (run.length < length) continue;
    yield run;
    run = [];
  }
  if (run.length > 0) yield run;
}

/** What the kernel sent in answer to one packet; `receive` throwing is that packet's failure. */
function transmitted(answer: PromiseSettledResult<Uint8Array[]>, fail: Fail): Uint8Array[] {
  if (answer.status === 'fulfilled') return answer.value;
  const error: unknown = answer.reason;
  // A kernel that is gone is not this packet's doing: its reason names what the kernel was doing.
  if (error instanceof NotImplemented || error instanceof KernelLost) throw error;
  throw fail(`receive() threw: ${error instanceof Error ? error.message : String(error)}; it must drop and count a bad packet, never throw`);
}
