/**
 * The next step, from synthetic jest results: failures grouped by the stub they reached, in the
 * handouts' order (not the run's), each with its line in the stack; the other failures grouped by
 * where in the stack they went wrong; and a short text that names the one to fix first.
 */
import * as path from 'node:path';
import { failuresOf, type FileResult, type RunResults } from '../failures';
import { stepTable } from '../handout-order';
import { nextStep, type LocateStub } from '../next-step';
import { MAX_OTHERS, MAX_STUBS, nextStepLines } from '../next-step-text';

const ROOT = '/repo';
const STACK = path.join(ROOT, 'stack');

const M1_TABLE = `
| # | file | function(s) | then these pass |
| --- | --- | --- | --- |
| 1 | \`checksum.ts\` | \`onesComplementSum\`, \`internetChecksum\` | — |
| 2 | \`ports.ts\` | \`UdpPortTable.bind\`, \`UdpPortTable.lookup\` | \`bind\` |
| 3 | \`udp-socket.ts\` | \`UdpSocket.sendto\` | — |
`;
const M2_TABLE = `
| # | file | functions | then these pass |
| --- | --- | --- | --- |
| 1 | \`tcp/seq.ts\` | \`seqAdd\` | — |
`;
const ORDER = [...stepTable('m1', M1_TABLE), ...stepTable('m2', M2_TABLE)];
const NOWHERE: LocateStub = () => undefined;

/** A NotImplemented's failure message as jest reports it, thrown by `fn` at `file:line` of the stack. */
function stubFailure(milestone: string, what: string, fn: string, file: string, line: number): string {
  return [
    `NotImplemented: not implemented (${milestone}: ${what})`,
    '',
    `    at ${fn} (${STACK}/${file}:${line}:9)`,
    `    at SocklabKernel.receive (${STACK}/kernel.ts:58:20)`,
    `    at Host.linkSide (${ROOT}/harness/sim/host.ts:84:34)`,
  ].join('\n');
}

function file(name: string, tests: readonly [string, string][]): FileResult {
  return { testFilePath: `${ROOT}/${name}`, testResults: tests.map(([fullName, message]) => ({ status: 'failed', fullName, failureMessages: [message] })) };
}

const BIND = stubFailure('m1', 'bind a UDP socket', 'UdpPortTable.bind', 'ports.ts', 37);
const CHECKSUM = stubFailure('m1', 'compute the Internet checksum (RFC 1071)', 'internetChecksum', 'checksum.ts', 43);
const SEQ = stubFailure('m2', 'add to a sequence number', 'seqAdd', 'tcp/seq.ts', 12);
const CRASH = [
  "KernelCrash: the stack under test threw TypeError: Cannot read properties of undefined (reading 'port') in bind(fd 3, 0.0.0.0:7000) on stack",
  `    at UdpSocket.sendto (${STACK}/udp-socket.ts:143:5)`,
  `    at Host.syscall (${ROOT}/harness/sim/host.ts:53:47)`,
].join('\n');

/** A run whose failures come in an order unlike the handouts'. */
const RUN: RunResults = {
  testResults: [
    file('assignments/m2-handshake/tests/public/states.test.ts', [
      ['states connect', SEQ],
      ['states listen', BIND],
    ]),
    file('assignments/m1-udp/tests/public/bind.test.ts', [
      ['bind EADDRINUSE', BIND],
      ['bind getsockname', BIND],
      ['bind sendto', CRASH],
      ['bind sendto again', CRASH.replace('fd 3', 'fd 4')],
      ['bind counters', 'Error: changes.IpInDelivers: expected 1, got undefined\n    at Object.<anonymous> (/repo/assignments/m1-udp/tests/public/counters.test.ts:29:21)'],
    ]),
    file('assignments/m1-udp/tests/public/checksum.test.ts', [['checksum odd lengths', CHECKSUM]]),
  ],
};

describe('the next step after a run', () => {
  const step = nextStep(failuresOf(RUN, STACK, ROOT), ORDER, NOWHERE);

  it('groups the failures by the stub they reached, with its line in the stack and the number of tests', () => {
    expect(step.stubs.map((stub) => [stub.milestone, stub.what, stub.site && `${stub.site.file}:${stub.site.line}`, stub.tests])).toEqual([
      ['m1', 'compute the Internet checksum (RFC 1071)', 'checksum.ts:43', 1],
      ['m1', 'bind a UDP socket', 'ports.ts:37', 3],
      ['m2', 'add to a sequence number', 'tcp/seq.ts:12', 1],
    ]);
  });

  it('groups the other failures by their place in the stack, and by message without one', () => {
    expect(step.others.map((other) => [other.site?.line, other.tests, other.firstTest])).toEqual([
      [143, 2, 'bind sendto'],
      [undefined, 1, 'bind counters'],
    ]);
  });

  it('orders stubs by the handouts: by step and function, not by file name or the run', () => {
    const late = stubFailure('m1', 'send a datagram', 'UdpSocket.sendto', 'udp-socket.ts', 140);
    const early = stubFailure('m1', 'sum words', 'onesComplementSum', 'checksum.ts', 29);
    const run: RunResults = { testResults: [file('a.test.ts', [['late', late], ['lookup', BIND.replace('UdpPortTable.bind', 'UdpPortTable.lookup').replace('bind a UDP socket', 'look up')], ['early', early]])] };
    expect(nextStep(failuresOf(run, STACK, ROOT), ORDER, NOWHERE).stubs.map((stub) => stub.what)).toEqual(['sum words', 'look up', 'send a datagram']);
  });

  it('places a stub of no frame in the stack by where its source says it throws', () => {
    const script = 'assignments/m1-udp/tests/public/scripts/closed-port.pkt:4: not implemented (m1: compute the Internet checksum (RFC 1071))';
    const run: RunResults = { testResults: [file('scripts.test.ts', [['closed-port.pkt', script]])] };
    const locate: LocateStub = (milestone, what) => (milestone === 'm1' && what.startsWith('compute') ? { file: 'checksum.ts', line: 43, fn: 'internetChecksum' } : undefined);
    expect(nextStep(failuresOf(run, STACK, ROOT), ORDER, locate).stubs[0]?.site).toEqual({ file: 'checksum.ts', line: 43, fn: 'internetChecksum' });
  });

  it('counts a file that could not run as one failure, named by its path', () => {
    const run: RunResults = { testResults: [{ testFilePath: `${ROOT}/a/b.test.ts`, testExecError: { message: 'SyntaxError: oops', stack: 'SyntaxError: oops' }, testResults: [] }] };
    expect(failuresOf(run, STACK, ROOT)).toEqual([{ kind: 'other', test: 'a/b.test.ts', message: 'SyntaxError: oops', site: undefined }]);
  });
});

describe('the next step as text', () => {
  it('lists the stubs with their place and tests, then the other failures, and says what to fix first', () => {
    expect(nextStepLines(nextStep(failuresOf(RUN, STACK, ROOT), ORDER, NOWHERE), 'stack')).toEqual([
      'Next step',
      "  Not implemented yet, in the handouts' order, with the tests that fail on each:",
      '    m1  stack/checksum.ts:43     1 test  compute the Internet checksum (RFC 1071)',
      '    m1  stack/ports.ts:37       3 tests  bind a UDP socket',
      '    m2  stack/tcp/seq.ts:12      1 test  add to a sequence number',
      '  Other failures:',
      '    stack/udp-socket.ts:143  KernelCrash: the stack under test threw TypeError: Cannot read properti…',
      '      2 tests, the first: bind sendto',
      '    Error: changes.IpInDelivers: expected 1, got undefined',
      '      1 test: bind counters',
      '  fix first: stack/checksum.ts:43 (m1: compute the Internet checksum (RFC 1071))',
    ]);
  });

  it('stays short: stubs and other failures past the first few are counted', () => {
    const stubs = Array.from({ length: MAX_STUBS + 3 }, (_, i): [string, string] => [`t${i}`, stubFailure('m1', `stub ${i}`, `f${i}`, 'other.ts', 10 + i)]);
    const others = Array.from({ length: MAX_OTHERS + 4 }, (_, i): [string, string] => [`o${i}`, `Error: bug ${i}`]);
    const lines = nextStepLines(nextStep(failuresOf({ testResults: [file('many.test.ts', [...stubs, ...others])] }, STACK, ROOT), ORDER, NOWHERE), 'stack');
    expect(lines).toContain('    and 3 more');
    expect(lines).toContain('    and 4 more');
    expect(lines.length).toBeLessThanOrEqual(16);
  });

  it('says nothing when nothing failed', () => {
    expect(nextStepLines(nextStep([], ORDER, NOWHERE), 'stack')).toEqual([]);
  });
});
