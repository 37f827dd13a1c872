/**
 * Reading a nonblocking socket the way an event loop must: everything there is, until EAGAIN
 * (an edge-triggered loop that stops earlier never hears of the rest).
 */
import { isSocketError, type Fd } from '../../../../harness/contract';
import type { Sys } from '../../../../harness/runtime';

const decoder = new TextDecoder();

/** What one drain of a socket found: the text read, and whether the peer has finished sending. */
export interface Drained {
  readonly text: string;
  readonly ended: boolean;
}

/** Read `fd` (O_NONBLOCK) until it would block or reaches end of file. */
export async function drain(sys: Sys, fd: Fd): Promise<Drained> {
  const { values, ended } = await readUntilBlocked(() => sys.recv(fd, 4096), (data) => data.length === 0);
  return { text: values.map((data) => decoder.decode(data)).join(''), ended };
}

/** Send all of `text` on a nonblocking socket; a request or an answer is small, so it must fit at once. */
export async function sendLine(sys: Sys, fd: Fd, text: string): Promise<void> {
  const data = new TextEncoder().encode(text);
  const sent = await sys.send(fd, data);
  if (sent !== data.length) throw new Error(`fd ${fd} took ${sent} of the ${data.length} bytes of ${JSON.stringify(text)}; its send buffer should hold them`);
}

/** Receive every datagram waiting on `fd` (O_NONBLOCK) until EAGAIN; their texts in order. */
export async function drainDatagrams(sys: Sys, fd: Fd): Promise<string[]> {
  const { values } = await readUntilBlocked(() => sys.recvfrom(fd, 4096), () => false);
  return values.map(({ data }) => decoder.decode(data));
}

/** Call `read` until it throws EAGAIN or gives what `isEnd` calls the end (not kept). */
async function readUntilBlocked<T>(read: () => Promise<T>, isEnd: (value: T) => boolean): Promise<{ values: T[]; ended: boolean }> {
  const values: T[] = [];
  for (;;) {
    let value: T;
    try {
      value = await read();
    } catch (error) {
      if (isSocketError(error, 'EAGAIN')) return { values, ended: false };
      throw error;
    }
    if (isEnd(value)) return { values, ended: true };
    values.push(value);
  }
}
