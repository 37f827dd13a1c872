import { EventQueue } from '../event-queue';

/** Pop every live event, returning labels in the order they come out. */
function popAll(queue: EventQueue): string[] {
  const order: string[] = [];
  for (let event = queue.pop(); event; event = queue.pop()) order.push(`${event.label}@${event.atUs}`);
  return order;
}

describe('event queue', () => {
  it('pops in time order, and events at the same time in the order they were pushed', () => {
    const queue = new EventQueue();
    for (const [at, label] of [[30, 'c'], [10, 'a1'], [20, 'b'], [10, 'a2'], [10, 'a3'], [20, 'b2']] as const) {
      queue.push(at, label, () => undefined);
    }
    expect(popAll(queue)).toEqual(['a1@10', 'a2@10', 'a3@10', 'b@20', 'b2@20', 'c@30']);
  });

  it('keeps insertion order among many same-time events through heap reshuffles', () => {
    const queue = new EventQueue();
    // Interleave two times so that the heap moves entries around between pushes.
    for (let i = 0; i < 200; i++) queue.push(i % 2 === 0 ? 5 : 7, `e${i}`, () => undefined);
    const expected = [
      ...Array.from({ length: 100 }, (_, k) => `e${2 * k}@5`),
      ...Array.from({ length: 100 }, (_, k) => `e${2 * k + 1}@7`),
    ];
    expect(popAll(queue)).toEqual(expected);
  });

  it('skips cancelled events, and counts only live ones', () => {
    const queue = new EventQueue();
    const first = queue.push(1, 'first', () => undefined);
    queue.push(2, 'second', () => undefined);
    const third = queue.push(3, 'third', () => undefined);
    expect(queue.size).toBe(3);
    first.cancel();
    first.cancel(); // twice is harmless
    third.cancel();
    expect(first.cancelled).toBe(true);
    expect(queue.size).toBe(1);
    expect(queue.peekTime()).toBe(2);
    expect(popAll(queue)).toEqual(['second@2']);
    expect(queue.size).toBe(0);
    expect(queue.peekTime()).toBeUndefined();
  });

  it('a late cancel of an event already popped does not change the count', () => {
    const queue = new EventQueue();
    const popped = queue.push(1, 'popped', () => undefined);
    queue.push(2, 'left', () => undefined);
    queue.pop();
    popped.cancel();
    expect(queue.size).toBe(1);
  });

  it('refuses a time that is not whole microseconds', () => {
    expect(() => new EventQueue().push(1.5, 'x', () => undefined)).toThrow('event time must be integer microseconds, got 1.5');
  });
});
