/** File descriptors as POSIX hands them out: the lowest free one, and EBADF for one not open. */
import { netTest } from '../../../../harness/testkit';
import { expectErrno } from '../support/errno';
import { openLab } from '../support/lab';

const FIRST_PORT = 40_000;

describe('file descriptors', () => {
  netTest('fds closed in any order come back lowest first, then the next never used', async (t) => {
    const lab = openLab(t);
    const fds = [];
    for (let i = 0; i < 6; i++) fds.push(await lab.boundSocket(FIRST_PORT + i));
    const [, second, , fourth, fifth, sixth] = fds;
    for (const fd of [fifth!, second!, sixth!, fourth!]) await lab.sys.close(fd);
    const reopened = [];
    for (let i = 0; i < 5; i++) reopened.push(await lab.boundSocket(FIRST_PORT + 10 + i));
    expect(reopened).toEqual([second, fourth, fifth, sixth, sixth! + 1]);
  });

  netTest('a call on a closed fd, or on one never opened, fails with EBADF', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(FIRST_PORT);
    await lab.sys.close(fd);
    await expectErrno(lab.sys.getsockname(fd), 'EBADF', 'getsockname on a closed fd');
    await expectErrno(lab.sys.close(fd), 'EBADF', 'close of a closed fd');
    await expectErrno(lab.sys.sendto(fd + 100, new Uint8Array(1), { address: lab.peerAddress, port: 9 }), 'EBADF', 'sendto on an fd never opened');
  });
});
