/**
 * A program on the socklab stack, written the epoll way (realtime-host.ts): nonblocking calls,
 * and waiting for readiness between them. Each wait is bounded, so that a stack that never
 * answers fails the test with a message instead of hanging it.
 */
import { EPOLLIN, EPOLLOUT, isSocketError, type SockAddr } from '../../contract';
import type { RealtimeHost } from './realtime-host';

/** How long a test waits for one step of a conversation. */
export const STEP_MS = 5000;

async function ready(stack: RealtimeHost, fd: number, mask: number, what: string): Promise<void> {
  if ((await stack.waitFor(fd, mask, STEP_MS)) === 0) throw new Error(`the stack: ${what} on fd ${fd} did not happen within ${STEP_MS} ms`);
}

function wouldBlock(error: unknown): boolean {
  return isSocketError(error, 'EAGAIN', 'EINPROGRESS');
}

/** connect, waiting for the handshake; throws the connection's error. */
export async function connect(stack: RealtimeHost, fd: number, to: SockAddr): Promise<void> {
  await stack.call('connect', fd, to).catch((error: unknown) => {
    if (!wouldBlock(error)) throw error;
  });
  await ready(stack, fd, EPOLLOUT, 'connect');
  const pending = await stack.call('getsockopt', fd, 'SO_ERROR');
  if (pending !== 0) throw new Error(`the stack's connect failed with errno ${pending}`);
}

/** accept one connection, waiting for it. */
export async function accept(stack: RealtimeHost, fd: number): Promise<number> {
  await ready(stack, fd, EPOLLIN, 'accept');
  return (await stack.call('accept', fd)).fd;
}

/** send all of `data`, waiting for room as often as needed. */
export async function sendAll(stack: RealtimeHost, fd: number, data: Uint8Array): Promise<void> {
  for (let sent = 0; sent < data.length; ) {
    try {
      sent += await stack.call('send', fd, data.subarray(sent));
    } catch (error) {
      if (!wouldBlock(error)) throw error;
      await ready(stack, fd, EPOLLOUT, 'room to send');
    }
  }
}

/** recv until end of file; everything that came. */
export async function recvAll(stack: RealtimeHost, fd: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for (;;) {
    try {
      const chunk = await stack.call('recv', fd, 65536);
      if (chunk.length === 0) return Buffer.concat(chunks);
      chunks.push(chunk);
    } catch (error) {
      if (!wouldBlock(error)) throw error;
      await ready(stack, fd, EPOLLIN, 'data or end of file');
    }
  }
}

/** recvfrom one datagram, waiting up to `timeoutMs` for it; undefined if none came. */
export async function recvfrom(stack: RealtimeHost, fd: number, timeoutMs = STEP_MS): Promise<{ data: Uint8Array; from: SockAddr } | undefined> {
  if ((await stack.waitFor(fd, EPOLLIN, timeoutMs)) === 0) return undefined;
  return stack.call('recvfrom', fd, 65536);
}
