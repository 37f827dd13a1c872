/**
 * Initial sequence numbers: 32 random bits for every connection, drawn with env.random(), so
 * that nobody off the path can guess them (RFC 6528) and a failing run replays from its seed.
 */
import { netTest, type NetTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { derivedSeed } from '../../../m1-udp/tests/support/seeded';
import { openTcpLab, type TcpLab } from '../support/tcp-lab';
import { listenOn, startConnect } from '../support/tcp-sockets';

const STACK_PORT = 8080;
const PEER_PORT = 5000;
/** Enough ISNs that 32 random bits show: all 32 with the same top bit has odds of 2^-31. */
const CONNECTIONS = 32;

const { SYN, ACK } = TcpFlag;

/** The ISNs of `count` connects from the stack: the sequence numbers of their SYNs. */
async function connectIsns(lab: TcpLab, count: number): Promise<number[]> {
  const isns: number[] = [];
  for (let i = 0; i < count; i++) {
    await startConnect(lab.sys, { address: lab.peerAddress, port: PEER_PORT });
    const syn = await lab.next();
    if (syn.header.flags !== SYN) throw new Error(`expected a SYN, got flags ${syn.header.flags}`);
    isns.push(syn.header.seq);
  }
  return isns;
}

/** The ISN of the first connect of a fresh network built with `seed`. */
async function firstIsn(t: NetTest, seed: number): Promise<number> {
  const [isn] = await connectIsns(openTcpLab(t, { seed }), 1);
  return isn!;
}

/** The ways a list of 32-bit numbers could fail to look random, named. */
function notRandom(isns: readonly number[]): string[] {
  const problems: string[] = [];
  if (new Set(isns).size !== isns.length) problems.push('some ISNs repeat');
  const topBits = new Set(isns.map((isn) => isn >>> 31));
  if (topBits.size !== 2) problems.push('the top bit never changes: not all 32 bits are random');
  return problems;
}

describe('initial sequence numbers', () => {
  netTest('every connect starts from a fresh random ISN: 32 SYNs, 32 different ISNs over all 32 bits', async (t) => {
    const isns = await connectIsns(openTcpLab(t), CONNECTIONS);
    expect(notRandom(isns)).toEqual([]);
  });

  netTest('a listener gives every connection its own random ISN: 32 SYN-ACKs, 32 different ISNs over all 32 bits', async (t) => {
    const lab = openTcpLab(t);
    await listenOn(lab.sys, STACK_PORT, { backlog: CONNECTIONS });
    const isns: number[] = [];
    for (let i = 0; i < CONNECTIONS; i++) {
      const conn = lab.connection(PEER_PORT + i, STACK_PORT);
      await conn.syn();
      await conn.expect({ flags: SYN | ACK, seq: 0, ack: 1 });
      isns.push(conn.stackIsn);
    }
    expect(notRandom(isns)).toEqual([]);
  });

  netTest('they come from env.random(): the same seed gives the same ISN, other seeds other ones', async (t) => {
    const seeds = [t.seed, derivedSeed(t.seed, 'other seed 1'), derivedSeed(t.seed, 'other seed 2')];
    const isns = [];
    for (const seed of seeds) isns.push(await firstIsn(t, seed));
    expect(await firstIsn(t, t.seed)).toBe(isns[0]);
    expect(new Set(isns).size).toBe(seeds.length);
  });
});
