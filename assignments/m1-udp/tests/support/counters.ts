/**
 * Counter checks: what changed between two snapshots, as an object whose printed diff says at
 * once which counters moved that should not have, and which did not move that should have.
 */
import { COUNTER_NAMES, type CounterName, type Counters } from '../../../../harness/contract';

/** The counters that differ between `before` and `after`, with the difference; the rest left out. */
export function counterChanges(before: Counters, after: Counters): Partial<Record<CounterName, number>> {
  const changes: Partial<Record<CounterName, number>> = {};
  for (const name of COUNTER_NAMES) {
    const change = after[name] - before[name];
    if (change !== 0) changes[name] = change;
  }
  return changes;
}
