/**
 * Makes Linux calls as a C program would — a blocking fd blocks, as in C — without ever blocking
 * the agent's own thread, which must keep moving packets: a call sleeps on libuv's thread pool,
 * every other call runs here, at once (the pool costs a hand-over each way, which real time feels).
 *
 * Whether a call sleeps is not guessed: on a blocking fd, the call is first made so that it
 * cannot sleep — MSG_DONTWAIT where the call takes flags, O_NONBLOCK for the moment of the call
 * otherwise, a timeout of 0 for poll and epoll_wait. Whatever that returns is what the blocking
 * call would have returned at once — except EAGAIN (or EINPROGRESS for connect), which is where it
 * would have slept. Only then does the agent say so (`sleeping()`), so that the harness lets the
 * script go on, and makes the blocking call on the pool. That second call is the kernel's own
 * wait: a blocking connect() on a connection in progress waits for the handshake to end, as the
 * first call would have; a send that took part of its data sends the rest. A call that takes what
 * wakes it (recv, recvfrom, accept) waits in poll on the pool instead, and takes it here, at once.
 */
import type { LinuxCall, LinuxResult } from './protocol';
import { errno, F_GETFL, F_SETFL, libcCalls as libc, O_NONBLOCK, POLLIN, POLLOUT } from './libc';
import { errnoName } from './errno-names';
import { returned, runNow, runOnPool } from './native-call';
import { nativeCall, pollCall, type NativeLinuxCall } from './socket-calls';

/** Make `call`; `sleeping()` is called first if it is about to sleep in the kernel. */
export async function runLinuxCall(call: LinuxCall, sleeping: () => void): Promise<LinuxResult> {
  switch (call.name) {
    case 'getfl':
      return fcntlResult(libc.fcntl(call.fd, F_GETFL));
    case 'setfl':
      return fcntlResult(libc.fcntl(call.fd, F_SETFL, 'int', call.flags));
    case 'poll':
    case 'epoll_wait': {
      const now = runNow(nativeCall(call, { timeoutMs: 0 }));
      if (!now.ok || now.ret > 0 || call.timeoutMs === 0) return now;
      sleeping();
      return runOnPool(nativeCall(call));
    }
    case 'send':
    case 'sendto':
    case 'recv':
    case 'recvfrom':
      return blocking(call.fd) && !call.dontWait ? sleepIfNeeded(call, runNow(nativeCall(call, { dontWait: true })), sleeping) : runNow(nativeCall(call));
    case 'accept':
    case 'connect':
      return blocking(call.fd) ? sleepIfNeeded(call, nonblockingOnce(call), sleeping) : runNow(nativeCall(call));
    default:
      return runNow(nativeCall(call));
  }
}

/** What wakes `call` up once it sleeps: these fds being ready (an empty list: not known). */
export function wakeCondition(call: LinuxCall): readonly { readonly fd: number; readonly events: number }[] {
  switch (call.name) {
    case 'accept':
    case 'recv':
    case 'recvfrom':
      return [{ fd: call.fd, events: POLLIN }];
    case 'connect':
      return [{ fd: call.fd, events: POLLOUT }];
    case 'poll':
      return call.fds;
    case 'epoll_wait':
      return [{ fd: call.epfd, events: POLLIN }];
    default:
      // A blocked send wakes when room for all of its data is free, which poll does not tell.
      return [];
  }
}

/** Whether any of `fds` is ready now. */
export function anyReady(fds: readonly { readonly fd: number; readonly events: number }[]): boolean {
  if (fds.length === 0) return false;
  const polled = runNow(pollCall(fds, 0));
  return polled.ok && polled.ret > 0;
}

/** The rest of a blocking call whose first, nonblocking attempt returned `first`. */
async function sleepIfNeeded(call: NativeLinuxCall, first: LinuxResult, sleeping: () => void): Promise<LinuxResult> {
  if (call.name === 'send' && first.ok && first.ret < call.data.length) {
    sleeping();
    const rest = await runOnPool(nativeCall({ ...call, data: call.data.subarray(first.ret) }));
    // As write(2): what was taken, even if the rest failed.
    return returned(first.ret + (rest.ok ? rest.ret : 0));
  }
  if (first.ok || (first.errno !== 'EAGAIN' && first.errno !== 'EINPROGRESS')) return first;
  sleeping();
  if (call.name !== 'recv' && call.name !== 'recvfrom' && call.name !== 'accept') return runOnPool(nativeCall(call));
  // These calls take what wakes them (a datagram, bytes, a connection), so they sleep in poll and
  // take it here. Asleep in the call itself, the pool's thread could take an injected datagram
  // before the agent looks whether the packet woke a call, and the agent would answer that it
  // woke none: the harness would then go on without waiting for the return.
  for (;;) {
    const ready = await runOnPool(pollCall(wakeCondition(call), -1));
    if (!ready.ok) return ready;
    const now = call.name === 'accept' ? nonblockingOnce(call) : runNow(nativeCall(call, { dontWait: true }));
    if (now.ok || now.errno !== 'EAGAIN') return now;
  }
}

/** Make `call` once with O_NONBLOCK set on its fd for the moment (the agent makes one call at a time on an fd). */
function nonblockingOnce(call: NativeLinuxCall & { readonly fd: number }): LinuxResult {
  const flags = libc.fcntl(call.fd, F_GETFL);
  libc.fcntl(call.fd, F_SETFL, 'int', flags | O_NONBLOCK);
  try {
    return runNow(nativeCall(call));
  } finally {
    libc.fcntl(call.fd, F_SETFL, 'int', flags);
  }
}

/** Whether `fd` is open and blocking (a call on a closed fd fails at once). */
function blocking(fd: number): boolean {
  const flags = libc.fcntl(fd, F_GETFL);
  return flags >= 0 && (flags & O_NONBLOCK) === 0;
}

function fcntlResult(ret: number): LinuxResult {
  return ret < 0 ? { ok: false, errno: errnoName(errno()) } : returned(ret);
}
