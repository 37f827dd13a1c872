/**
 * The event queue alone: push and pop pairs on a heap that holds a steady number of events at
 * seeded random times — the floor under every simulator figure.
 */
import { EventQueue } from '../harness/sim/event-queue';
import { Rng } from '../harness/sim/rng';
import type { Benchmark } from './benchmark';

const HEAP_SIZE = 10_000;
const OPERATIONS = 1_000_000;

/** Random gaps drawn once, before timing, so that the figure is the queue's and not the generator's. */
const GAPS = ((rng) => Array.from({ length: 1 << 16 }, () => rng.int(1, 1_000_000)))(new Rng(1));

export const eventQueue: Benchmark = {
  figure: 'event_queue.push_pop_per_second',
  unit: 'push+pop/s',
  async run() {
    const queue = new EventQueue();
    const noop = (): void => undefined;
    for (let i = 0; i < HEAP_SIZE; i++) queue.push(GAPS[i]!, 'e', noop);
    for (let i = 0; i < OPERATIONS; i++) {
      const event = queue.pop()!;
      queue.push(event.atUs + GAPS[i & 0xffff]!, 'e', noop);
    }
    return OPERATIONS;
  },
};
