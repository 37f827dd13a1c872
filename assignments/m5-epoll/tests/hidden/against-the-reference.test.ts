/**
 * Random programs of epoll calls on UDP sockets, run on the stack under test and on the
 * reference: every call must give what it gives on the reference (the events reported, the
 * errno of a refused call). fast-check draws the programs from the run's seed and shrinks a
 * failing one to a short program, printed with the failure.
 */
import fc from 'fast-check';
import { EPOLLET, EPOLLIN, EPOLLONESHOT, EPOLLOUT, EPOLLRDHUP, SocketError, type CreateKernel, type Fd } from '../../../../harness/contract';
import { netTest, type NetTest } from '../../../../harness/testkit';
import { referenceKernel } from '../../../m1-udp/tests/support/reference-peer';
import { datagramLab, type DatagramLab } from '../support/datagram-lab';
import { named } from '../support/epoll-lab';

/** Sockets and instances a program uses; few, so that calls meet each other often. */
const SOCKETS = 3;
const INSTANCES = 2;
const FIRST_PORT = 7000;
/** More than can ever be ready in one instance: no report depends on the order of the ready list. */
const MAX_EVENTS = 16;
const RUNS = 40;

type Step =
  | { readonly call: 'ctl'; readonly op: 'add' | 'mod' | 'del'; readonly instance: number; readonly socket: number; readonly events: number }
  | { readonly call: 'wait'; readonly instance: number }
  | { readonly call: 'deliver' | 'recv' | 'reopen'; readonly socket: number };

const socketArb = fc.integer({ min: 0, max: SOCKETS - 1 });
const instanceArb = fc.integer({ min: 0, max: INSTANCES - 1 });
const eventsArb = fc
  .subarray([EPOLLIN, EPOLLOUT, EPOLLRDHUP, EPOLLET, EPOLLONESHOT])
  .map((bits) => bits.reduce((mask, bit) => mask | bit, 0));
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ call: fc.constant('ctl' as const), op: fc.constantFrom('add' as const, 'mod' as const, 'del' as const), instance: instanceArb, socket: socketArb, events: eventsArb }),
  fc.record({ call: fc.constant('wait' as const), instance: instanceArb }),
  fc.record({ call: fc.constantFrom('deliver' as const, 'recv' as const, 'reopen' as const), socket: socketArb }),
);

/** Run `program` on a fresh lab whose receiving stack is `stack`; what each step gave, as text. */
async function outcomes(t: NetTest, stack: CreateKernel, program: readonly Step[]): Promise<string[]> {
  const lab = await datagramLab(t, referenceKernel(), stack);
  const sockets: Fd[] = [];
  for (let i = 0; i < SOCKETS; i++) sockets.push(await nonblockingSocket(lab, i));
  const instances: Fd[] = [];
  for (let i = 0; i < INSTANCES; i++) instances.push(await lab.sys.epollCreate());
  const seen: string[] = [];
  for (const step of program) seen.push(await outcome(() => run(lab, step, sockets, instances)));
  return seen;
}

async function nonblockingSocket(lab: DatagramLab, index: number): Promise<Fd> {
  const fd = await lab.socket(FIRST_PORT + index);
  lab.sys.fcntl(fd, 'O_NONBLOCK');
  return fd;
}

async function run(lab: DatagramLab, step: Step, sockets: Fd[], instances: readonly Fd[]): Promise<string> {
  switch (step.call) {
    case 'ctl':
      await lab.sys.epollCtl(instances[step.instance]!, step.op, sockets[step.socket]!, step.events);
      return 'ok';
    case 'wait':
      // Sockets by index, not fd: fd numbers are the stack's own business here.
      return named(await lab.sys.epollWait(instances[step.instance]!, MAX_EVENTS, 0))
        .map((event) => event.replace(/^fd (\d+)/, (_, fd: string) => `socket ${sockets.indexOf(Number(fd))}`))
        .sort()
        .join(', ');
    case 'deliver':
      await lab.deliver(FIRST_PORT + step.socket);
      return 'ok';
    case 'recv':
      return `${(await lab.sys.recvfrom(sockets[step.socket]!, 100)).data.length} bytes`;
    case 'reopen':
      await lab.sys.close(sockets[step.socket]!);
      sockets[step.socket] = await nonblockingSocket(lab, step.socket);
      return 'ok';
  }
}

async function outcome(call: () => Promise<string>): Promise<string> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof SocketError) return error.errno;
    throw error;
  }
}

describe('epoll against the reference', () => {
  netTest('any program of epoll_ctl, epoll_wait, arrivals, reads and closes on UDP sockets gives what it gives on the reference', async (t) => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 30, size: 'max' }), async (program) => {
        const expected = await outcomes(t, referenceKernel(), program);
        const actual = await outcomes(t, t.stack.createKernel, program);
        const steps = program.map((step, i) => `${JSON.stringify(step)} → ${actual[i]}${actual[i] === expected[i] ? '' : ` (the reference: ${expected[i]})`}`);
        expect({ differs: actual.findIndex((got, i) => got !== expected[i]), steps }).toEqual({ differs: -1, steps: expect.any(Array) });
      }),
      { seed: t.seed, numRuns: RUNS, endOnFailure: true },
    );
  });
});
