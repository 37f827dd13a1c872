import { Simulator } from '../simulator';

describe('simulator driver', () => {
  it('moves the clock only to scheduled events, in time order, while a program waits', async () => {
    const sim = new Simulator({ seed: 1 });
    const seen: string[] = [];
    sim.after(3_000, 'c', () => void seen.push(`c@${sim.nowUs}`));
    sim.after(1_000, 'a', () => void seen.push(`a@${sim.nowUs}`));
    sim.after(1_000, 'b', () => void seen.push(`b@${sim.nowUs}`));
    expect(sim.nowUs).toBe(0);
    await sim.sleep(2);
    expect(seen).toEqual(['a@1000', 'b@1000']);
    expect(sim.nowUs).toBe(2_000);
    await sim.drain();
    expect(seen).toEqual(['a@1000', 'b@1000', 'c@3000']);
  });

  it('awaits an event that returns a promise before running the next one', async () => {
    const sim = new Simulator({ seed: 1 });
    const order: string[] = [];
    sim.after(10, 'slow', async () => {
      await Promise.resolve();
      order.push('slow done');
    });
    sim.after(10, 'next', () => void order.push('next'));
    await sim.drain();
    expect(order).toEqual(['slow done', 'next']);
  });

  it('hands over the arrivals of one instant together: the program the first wakes sees them all', async () => {
    const sim = new Simulator({ seed: 1 });
    const signal = sim.signal();
    const arrived: string[] = [];
    for (const packet of ['p1', 'p2', 'p3']) {
      sim.arrival(1_000, `deliver ${packet}`, async () => {
        arrived.push(packet);
        signal.notify();
        await Promise.resolve();
      });
    }
    await sim.block('epoll_wait(fd 5) on b', [signal]);
    expect({ at: sim.nowUs, arrived }).toEqual({ at: 1_000, arrived: ['p1', 'p2', 'p3'] });
  });

  it('runs a timer due at an arrival\'s instant only after the programs the arrival woke', async () => {
    const sim = new Simulator({ seed: 1 });
    const signal = sim.signal();
    const seen: string[] = [];
    sim.arrival(1_000, 'deliver p1', () => {
      seen.push('p1');
      signal.notify();
    });
    sim.after(1_000, 'tick b', () => void seen.push('tick'));
    sim.arrival(1_000, 'deliver p2', () => void seen.push('p2'));
    await sim.block('recv(fd 3) on b', [signal]);
    seen.push('woken');
    await sim.drain();
    expect(seen).toEqual(['p1', 'woken', 'tick', 'p2']);
  });

  it('fails waiters with a time-limit error when timers keep firing but nothing comes', async () => {
    const sim = new Simulator({ seed: 5, timeLimitUs: 10_000 });
    const signal = sim.signal();
    const keepBusy = (): void => void sim.after(1_000, 'busy', keepBusy);
    keepBusy();
    await expect(sim.block('recv(fd 3) on a', [signal])).rejects.toThrow(
      'virtual time limit of 10.000 ms reached while recv(fd 3) on a still waited (seed 5)',
    );
  });

  it('halt abandons the programs still waiting: none is woken or failed, and no event runs after it', async () => {
    const sim = new Simulator({ seed: 1 });
    const seen: string[] = [];
    const note = (what: string) => () => void seen.push(what);
    void sim.block('recv(fd 4) on stack', [sim.signal()]).then(note('woken'), note('failed'));
    sim.after(1_000, 'timer', note('timer'));
    sim.halt();
    void sim.sleep(5).then(note('slept'), note('sleep failed'));
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([]);
    expect(sim.nowUs).toBe(0);
  });

  it('a failed run rejects later waits with the same error', async () => {
    const sim = new Simulator({ seed: 1 });
    sim.fail(new Error('kernel broke'));
    await expect(sim.sleep(1)).rejects.toThrow('kernel broke');
  });

  it('a signal wakes its waiter, and a timeout wakes it when no signal comes', async () => {
    const sim = new Simulator({ seed: 1 });
    const signal = sim.signal();
    sim.after(500, 'notify', () => signal.notify());
    await expect(sim.block('first', [signal], 10_000)).resolves.toBe('woken');
    expect(sim.nowUs).toBe(500);
    await expect(sim.block('second', [signal], 1_000)).resolves.toBe('timeout');
    expect(sim.nowUs).toBe(1_500);
  });
});
