/** The errors of the kernel contract: what a thrown SocketError carries, and how callers recognise one. */
import { isSocketError, NotImplemented, SocketError } from '..';

describe('SocketError', () => {
  it('names its errno and, when given, why', () => {
    const error = new SocketError('EADDRINUSE', 'port 7 is bound by fd 3');
    expect([error.name, error.errno, error.detail, error.message]).toEqual(['SocketError', 'EADDRINUSE', 'port 7 is bound by fd 3', 'EADDRINUSE: port 7 is bound by fd 3']);
  });

  it('keeps a stack for a fault, none for EAGAIN, the answer a nonblocking call gives all the time', () => {
    expect(new SocketError('EINVAL').stack).toContain('errno.test.ts');
    expect(new SocketError('EAGAIN').stack).not.toContain('errno.test.ts');
    expect(new SocketError('ECONNRESET').stack).toContain('errno.test.ts');
  });
});

describe('isSocketError', () => {
  it('recognises a SocketError of the errnos asked for, or of any errno when none is', () => {
    const again = new SocketError('EAGAIN');
    expect([isSocketError(again, 'EAGAIN'), isSocketError(again, 'EINPROGRESS', 'EAGAIN'), isSocketError(again)]).toEqual([true, true, true]);
    expect(isSocketError(again, 'EPIPE', 'EINPROGRESS')).toBe(false);
  });

  it('is false for anything that is not a SocketError, even with an errno field', () => {
    const lookalike = Object.assign(new Error('EAGAIN'), { errno: 'EAGAIN' });
    expect([isSocketError(lookalike, 'EAGAIN'), isSocketError(new NotImplemented('m1', 'x')), isSocketError(undefined), isSocketError('EAGAIN')]).toEqual([false, false, false, false]);
  });
});
