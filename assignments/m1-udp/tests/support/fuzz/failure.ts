/** How a fuzz run reports the packet that broke a rule: how it was made, what it is, and the verdict. */
import { formatPacket, hexDump } from '../../../../../harness/wire';
import type { Mutation } from './mutations';
import type { Template } from './templates';
import type { Verdict } from './verdict';

/** One fuzzed packet and how it was made. */
export interface FuzzCase {
  readonly index: number;
  readonly template: Template;
  readonly mutations: readonly Mutation[];
  readonly packet: Uint8Array;
}

/** Builds the failure for one packet: `fail('why')`. */
export type Fail = (problem: string) => FuzzFailure;

/**
 * A rule broken somewhere in a run of packets (counters and the receive queue are checked once per
 * run). The fuzz test then replays the packets one by one to name the packet; this is what it
 * reports when the replay cannot single one out.
 */
export class BatchFailure extends Error {
  constructor(
    seed: number,
    readonly first: number,
    readonly last: number,
    problem: string,
  ) {
    super(`packets #${first} to #${last} of the fuzz run: ${problem} (seed ${seed}; rerun with SOCKLAB_SEED=${seed})`);
    this.name = 'BatchFailure';
  }
}

export class FuzzFailure extends Error {
  constructor(seed: number, fuzzed: FuzzCase, verdict: Verdict, problem: string) {
    super(
      [
        `packet #${fuzzed.index} of the fuzz run: ${problem}`,
        `  made from:  ${fuzzed.template.name}, then ${fuzzed.mutations.map((m) => m.name).join(', then ')}`,
        `  the packet: ${formatPacket(fuzzed.packet)}`,
        `  verdict:    ${describeVerdict(verdict)}`,
        `  seed:       ${seed} (rerun with SOCKLAB_SEED=${seed})`,
        ...hexDump(fuzzed.packet)
          .split('\n')
          .map((line) => `    ${line}`),
      ].join('\n'),
    );
    this.name = 'FuzzFailure';
  }
}

function describeVerdict(verdict: Verdict): string {
  switch (verdict.kind) {
    case 'dropped by IPv4':
      return `dropped by IPv4 and counted in ${verdict.counter}: ${verdict.why}`;
    case 'dropped by UDP':
      return `dropped by UDP and counted in UdpInErrors${verdict.badChecksum ? ' and UdpInCsumErrors' : ''}: ${verdict.why}`;
    case 'delivered':
      return `delivered: ${verdict.payload.length} bytes from ${verdict.from.address}:${verdict.from.port}`;
    case 'no port':
      return `no socket holds port ${verdict.ports.dst}: counted in UdpNoPorts and answered with port unreachable`;
    case 'ICMP':
      return 'an ICMP message for this host';
    case 'TCP':
      return 'TCP, which m1 does not judge';
  }
}
