/** The receive queue at its bounds: the default size, exact fits, the oversize first datagram, and a random run against a model. */
import { netTest } from '../../../../harness/testkit';
import { openLab, type Lab } from '../support/lab';
import { takeQueued } from '../support/queue';
import { rngFor } from '../support/seeded';

const STACK_PORT = 9_999;
const PEER_PORT = 1_234;

/** A datagram of `size` bytes, all `mark`, so that it is recognisable in the queue. */
const marked = (lab: Lab, size: number, mark: number): Uint8Array =>
  lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: new Uint8Array(size).fill(mark) });

const marks = (results: readonly { data: Uint8Array }[]): (number | undefined)[] => results.map((result) => result.data[0]);

describe('receive queue', () => {
  netTest('the default SO_RCVBUF holds 65536 bytes of payload: 44 datagrams of 1472 bytes fit, the 45th is dropped', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    expect(await lab.sys.getsockopt(fd, 'SO_RCVBUF')).toBe(65536);
    const changes = await lab.countersChangedBy(() => lab.arrive(...Array.from({ length: 45 }, (_, i) => marked(lab, 1472, i))));
    expect(marks(await takeQueued(lab.sys, fd))).toEqual(Array.from({ length: 44 }, (_, i) => i));
    expect(changes).toMatchObject({ UdpInDatagrams: 44, UdpRcvbufErrors: 1, UdpInErrors: 1 });
  });

  netTest('datagrams that fill SO_RCVBUF to the byte are all queued', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.sys.setsockopt(fd, 'SO_RCVBUF', 1000);
    await lab.arrive(marked(lab, 400, 1), marked(lab, 600, 2), marked(lab, 1, 3));
    expect(marks(await takeQueued(lab.sys, fd))).toEqual([1, 2]);
  });

  netTest('only payload counts against SO_RCVBUF: 300 bytes hold three datagrams of 100', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.sys.setsockopt(fd, 'SO_RCVBUF', 300);
    await lab.arrive(marked(lab, 100, 1), marked(lab, 100, 2), marked(lab, 100, 3));
    expect(marks(await takeQueued(lab.sys, fd))).toEqual([1, 2, 3]);
  });

  netTest('an empty queue takes a datagram larger than SO_RCVBUF; the next one waits for room', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.sys.setsockopt(fd, 'SO_RCVBUF', 100);
    await lab.arrive(marked(lab, 500, 1), marked(lab, 10, 2));
    expect(marks(await takeQueued(lab.sys, fd))).toEqual([1]);
    await lab.arrive(marked(lab, 10, 3));
    expect(marks(await takeQueued(lab.sys, fd))).toEqual([3]);
  });

  netTest('a truncated read frees the whole datagram: 10 bytes read of 600 leave all 1000 of SO_RCVBUF free', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.sys.setsockopt(fd, 'SO_RCVBUF', 1000);
    await lab.arrive(marked(lab, 600, 1));
    expect((await lab.sys.recvfrom(fd, 10)).truncated).toBe(true);
    // The queue is empty again and all of SO_RCVBUF free: two datagrams of 500 fill it to the byte.
    const changes = await lab.countersChangedBy(() => lab.arrive(marked(lab, 500, 2), marked(lab, 500, 3)));
    expect(marks(await takeQueued(lab.sys, fd))).toEqual([2, 3]);
    expect(changes.UdpRcvbufErrors ?? 0).toBe(0);
  });

  netTest('a queue holding only empty datagrams is not empty: a datagram larger than SO_RCVBUF behind one is dropped', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.sys.setsockopt(fd, 'SO_RCVBUF', 100);
    const changes = await lab.countersChangedBy(() => lab.arrive(marked(lab, 0, 0), marked(lab, 500, 1)));
    expect((await takeQueued(lab.sys, fd)).map((result) => result.data.length)).toEqual([0]);
    expect(changes).toMatchObject({ UdpInDatagrams: 1, UdpRcvbufErrors: 1, UdpInErrors: 1 });
  });

  netTest('a random run of arrivals and reads leaves exactly what a bounded queue would hold', async (t) => {
    const lab = openLab(t);
    const rng = rngFor(t.seed, 'arrivals');
    const fd = await lab.boundSocket(STACK_PORT);
    const limit = 2000;
    await lab.sys.setsockopt(fd, 'SO_RCVBUF', limit);
    const model: { mark: number; size: number }[] = [];
    let dropped = 0;
    lab.sys.fcntl(fd, 'O_NONBLOCK');
    for (let mark = 0; mark < 200; mark++) {
      const size = rng.int(0, 600);
      const queued = model.reduce((sum, d) => sum + d.size, 0);
      if (model.length === 0 || queued + size <= limit) model.push({ mark, size });
      else dropped++;
      await lab.arrive(marked(lab, size, mark % 256));
      if (rng.chance(0.3) && model.length > 0) expect((await lab.sys.recvfrom(fd, 1000)).data.length).toBe(model.shift()!.size);
    }
    lab.sys.fcntl(fd, 'O_NONBLOCK', false);
    expect((await takeQueued(lab.sys, fd)).map((result) => result.data.length)).toEqual(model.map((d) => d.size));
    expect((await lab.sys.counters()).UdpRcvbufErrors).toBe(dropped);
  });
});
