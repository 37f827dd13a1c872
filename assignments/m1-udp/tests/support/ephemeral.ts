/**
 * The handout's rule for ephemeral ports, worked out by the harness: each choice draws one number
 * r from the kernel's env.random() and starts at 49152 + ⌊r × 16384⌋, then walks up, from 65535
 * back to 49152, to the first port no socket holds. The harness seeds every kernel's env.random(),
 * so it knows the numbers a stack draws and can say which port each choice must give; a stack
 * that draws from Math.random(), or starts or walks otherwise, picks other ports.
 */
import { EPHEMERAL_PORT_MAX, EPHEMERAL_PORT_MIN } from '../../../../harness/contract';
import { Rng } from '../../../../harness/sim/rng';
import { derivedSeed } from './seeded';

/** How many ports the ephemeral range holds: 16,384. */
export const EPHEMERAL_RANGE = EPHEMERAL_PORT_MAX - EPHEMERAL_PORT_MIN + 1;

/**
 * The numbers env.random() returns, in order, to the kernel at `address` on a network seeded with
 * `seed`. The label is the one each host's stream is forked by (harness/sim/topology.ts).
 */
export function kernelRandom(seed: number, address: string): () => number {
  const stream = new Rng(seed).fork(`kernel:${address}`);
  return () => stream.next();
}

/** The port the search starts at for the draw `r` of env.random(). */
export function startPort(r: number): number {
  return EPHEMERAL_PORT_MIN + Math.floor(r * EPHEMERAL_RANGE);
}

/** `port` + `step` in the ephemeral range, wrapping around from 65535 to 49152. */
export function portAfter(port: number, step: number): number {
  return EPHEMERAL_PORT_MIN + ((((port - EPHEMERAL_PORT_MIN + step) % EPHEMERAL_RANGE) + EPHEMERAL_RANGE) % EPHEMERAL_RANGE);
}

/** The ports a stack's choices must give, one draw of its env.random() each, given the ports its sockets hold. */
export class EphemeralPortRule {
  private readonly held = new Set<number>();
  /** The choices worked out so far, in order: the draw, where its search started, the port it gave. */
  readonly choices: { readonly r: number; readonly start: number; readonly port: number }[] = [];

  constructor(private readonly random: () => number) {}

  /** A port a socket holds (bound explicitly, or chosen before): later choices pass it by. */
  hold(port: number): void {
    this.held.add(port);
  }

  /** The port the next choice must give (it is then held): the first free one from the next start up. */
  next(): number {
    const r = this.random();
    const start = startPort(r);
    for (let step = 0; step < EPHEMERAL_RANGE; step++) {
      const port = portAfter(start, step);
      if (!this.held.has(port)) {
        this.held.add(port);
        this.choices.push({ r, start, port });
        return port;
      }
    }
    throw new Error('every ephemeral port is held: the stack must fail with EADDRINUSE');
  }
}

/**
 * Fails unless `chosen` are the ports of `rule`'s choices, in order, with a message that shows each
 * draw, where its search started and which port it should have given.
 *
 * @param what - the calls that chose the ports, for the message.
 */
export function expectPortsByRule(what: string, chosen: readonly number[], rule: EphemeralPortRule): void {
  const expected = rule.choices.map((choice) => choice.port);
  if (chosen.length === expected.length && chosen.every((port, i) => port === expected[i])) return;
  const lines = rule.choices.map(
    ({ r, start, port }, i) => `  env.random() = ${r} → start ${start} → expected port ${port}, got ${chosen[i] ?? 'none'}`,
  );
  throw new Error(
    `${what}: the ports do not follow the rule (start at 49152 + ⌊r × 16384⌋ for the next r = env.random(), ` +
      `walk up to the first port no socket holds, from 65535 on to 49152)\n${lines.join('\n')}`,
  );
}

/**
 * A seed derived from `seed` under which the first search of the kernel at `address` starts at
 * `lowest` or above: a network whose first choice must wrap around once the top ports are held.
 */
export function seedStartingAtOrAbove(seed: number, address: string, lowest: number): number {
  // Each try succeeds with chance (65536 − lowest) / 16384; this many tries fail together next to never.
  const tries = 100 * Math.ceil(EPHEMERAL_RANGE / (EPHEMERAL_PORT_MAX + 1 - lowest));
  for (let i = 0; i < tries; i++) {
    const candidate = derivedSeed(seed, `first start at ${lowest} or above, try ${i}`);
    if (startPort(kernelRandom(candidate, address)()) >= lowest) return candidate;
  }
  throw new Error(`no seed derived from ${seed} starts the search at ${lowest} or above in ${tries} tries`);
}
