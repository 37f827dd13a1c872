/** A UDP socket's options read back what was set, and the calls only TCP sockets have are refused. */
import { netTest } from '../../../../harness/testkit';
import { expectErrno } from '../support/errno';
import { openLab } from '../support/lab';

const PORT = 33_333;

describe('UDP socket options', () => {
  netTest('SO_SNDBUF starts at 65536 bytes and reads back the size set', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(PORT);
    expect(await lab.sys.getsockopt(fd, 'SO_SNDBUF')).toBe(65536);
    await lab.sys.setsockopt(fd, 'SO_SNDBUF', 4096);
    expect(await lab.sys.getsockopt(fd, 'SO_SNDBUF')).toBe(4096);
    // SO_SNDBUF is its own option: setting it leaves the receive buffer as it was.
    expect(await lab.sys.getsockopt(fd, 'SO_RCVBUF')).toBe(65536);
  });

  netTest('SO_RCVBUF reads back the size set, and leaves SO_SNDBUF as it was', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(PORT);
    await lab.sys.setsockopt(fd, 'SO_RCVBUF', 3000);
    expect(await lab.sys.getsockopt(fd, 'SO_RCVBUF')).toBe(3000);
    expect(await lab.sys.getsockopt(fd, 'SO_SNDBUF')).toBe(65536);
  });

  netTest('a buffer size of 0 or less is refused with EINVAL', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(PORT);
    await expectErrno(lab.sys.setsockopt(fd, 'SO_SNDBUF', 0), 'EINVAL', 'setsockopt(SO_SNDBUF, 0)');
    await expectErrno(lab.sys.setsockopt(fd, 'SO_RCVBUF', -1), 'EINVAL', 'setsockopt(SO_RCVBUF, -1)');
  });

  netTest('SO_REUSEADDR is off until set, and reads back on and off', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(PORT);
    expect(await lab.sys.getsockopt(fd, 'SO_REUSEADDR')).toBe(false);
    await lab.sys.setsockopt(fd, 'SO_REUSEADDR', true);
    expect(await lab.sys.getsockopt(fd, 'SO_REUSEADDR')).toBe(true);
    await lab.sys.setsockopt(fd, 'SO_REUSEADDR', false);
    expect(await lab.sys.getsockopt(fd, 'SO_REUSEADDR')).toBe(false);
  });
});

describe('calls only TCP sockets have', () => {
  netTest('listen on a bound UDP socket fails with EOPNOTSUPP', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(PORT);
    await expectErrno(lab.sys.listen(fd, 5), 'EOPNOTSUPP', 'listen on a UDP socket');
  });

  netTest('accept on a UDP socket fails with EOPNOTSUPP at once, without waiting', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(PORT);
    await expectErrno(lab.sys.accept(fd), 'EOPNOTSUPP', 'accept on a UDP socket');
  });

  netTest('shutdown on a connected UDP socket fails with EOPNOTSUPP', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(PORT);
    await lab.sys.connect(fd, { address: lab.peerAddress, port: 4_444 });
    await expectErrno(lab.sys.shutdown(fd, 'wr'), 'EOPNOTSUPP', 'shutdown on a UDP socket');
  });

  netTest('TCP_INFO on a UDP socket fails with EOPNOTSUPP', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(PORT);
    await expectErrno(lab.sys.tcpInfo(fd), 'EOPNOTSUPP', 'tcpInfo on a UDP socket');
  });
});
