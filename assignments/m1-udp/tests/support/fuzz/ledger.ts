/**
 * What the counters must have done over a run of packets: the sum of each packet's rule. Counters
 * are read once per run of packets rather than after each one, because every read is a round trip
 * to the kernel (a slow one when it runs in its own process).
 */
import { COUNTER_NAMES, type CounterName, type Counters } from '../../../../../harness/contract';
import type { CounterRule } from './verdict';

export class CounterLedger {
  private readonly expected = new Map<CounterName, number>();
  private readonly free = new Set<CounterName>();
  private everythingFree = false;

  /** One more packet, under `rule`, after which the kernel transmitted `transmitted` packets. */
  add(rule: CounterRule, transmitted: number): void {
    for (const [name, change] of Object.entries(rule.exact) as [CounterName, number][]) this.expected.set(name, (this.expected.get(name) ?? 0) + change);
    this.expected.set('IpOutRequests', (this.expected.get('IpOutRequests') ?? 0) + transmitted);
    if (rule.free === 'all') this.everythingFree = true;
    else for (const name of rule.free) this.free.add(name);
  }

  /** How the counters between `before` and `after` differ from what the packets added up to; empty when they agree. */
  problems(before: Counters, after: Counters): string[] {
    return COUNTER_NAMES.filter((name) => !this.isFree(name)).flatMap((name) => {
      const change = after[name] - before[name];
      const expected = this.expected.get(name) ?? 0;
      return change === expected ? [] : [`${name} changed by ${change}, expected ${expected}`];
    });
  }

  private isFree(name: CounterName): boolean {
    return name !== 'IpInReceives' && (this.everythingFree || this.free.has(name));
  }
}
