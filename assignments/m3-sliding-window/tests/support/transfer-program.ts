/**
 * The program each end of a bulk transfer runs on its socket: write a byte stream with a cycle of
 * write sizes and shut down the sending side, read until the end of the stream with a cycle of read
 * sizes (optionally pausing between reads: a slow reader), or both at once, as one program (two
 * programs blocking on one host would wake each other forever; epoll comes only in milestone 5).
 *
 * It makes nonblocking calls and sleeps on the host's activity when it is stuck, as an event loop
 * does. Its calls of one moment go together (a send, and two reads), so that a kernel in its own
 * process is asked once per moment, not once per call: it tries again at once only when a call
 * suggests there is more to do (a send took all it was offered, the last read found data).
 * A stall that nothing can end is a deadlock, told with what the kernel dropped meanwhile.
 */
import type { Fd } from '../../../../harness/contract';
import { unlessWouldBlock, type Sys } from '../../../../harness/runtime';
import { Wait } from '../../../../harness/runtime/wait';

/** What one end writes: `data`, in send() calls of `sizes` bytes, cycled. */
export interface WritePlan {
  readonly data: Uint8Array;
  readonly sizes: readonly number[];
}

/** Where one end's reads go, and how it reads: recv() calls of `sizes` bytes, cycled, `pauseMs` apart. */
export interface ReadPlan {
  readonly into: Reading;
  readonly sizes: readonly number[];
  /** A slow reader: virtual ms between one read that found data and the next (0: none). */
  readonly pauseMs: number;
}

/** The bytes an end has read so far, and whether it saw the end of the stream. */
export interface Reading {
  readonly chunks: Uint8Array[];
  got: number;
  ended: boolean;
}

const sizeAt = (sizes: readonly number[], i: number): number => Math.max(1, sizes[i % sizes.length]!);

/** Run `write` and/or `read` on `fd` until all is written (and the sending side shut down) and the stream has ended. */
export async function transferProgram(sys: Sys, fd: Fd, write: WritePlan | undefined, read: ReadPlan | undefined): Promise<void> {
  sys.fcntl(fd, 'O_NONBLOCK');
  const wait = new Wait(sys.host, `${[write && 'send', read && 'recv'].filter(Boolean).join(' and ')} on fd ${fd}`);
  const data = write?.data ?? new Uint8Array(0);
  let offset = 0;
  let writes = 0;
  let writing = write !== undefined;
  let reads = 0;
  let nextReadUs = sys.host.sim.nowUs + (read?.pauseMs ?? 0) * 1000;
  const done = (): boolean => !writing && (read === undefined || read.into.ended);
  while (!done()) {
    const seen = sys.host.activity.version;
    const chunk = data.subarray(offset, Math.min(data.length, offset + (write ? sizeAt(write.sizes, writes) : 0)));
    const sending = writing && chunk.length > 0;
    const readDue = read !== undefined && !read.into.ended && sys.host.sim.nowUs >= nextReadUs;
    // A slow reader reads once per pause; any other reads twice, so that a drained buffer shows in the same moment.
    const readSizes = !readDue ? [] : read.pauseMs > 0 ? [sizeAt(read.sizes, reads)] : [sizeAt(read.sizes, reads), sizeAt(read.sizes, reads + 1)];
    reads += readSizes.length;
    const [sent, ...received] = await Promise.all([
      sending ? unlessWouldBlock(sys.send(fd, chunk)) : undefined,
      ...readSizes.map((size) => unlessWouldBlock(sys.recv(fd, size))),
    ]);
    let more = false;
    if (sent !== undefined) {
      offset += sent;
      if (sent === chunk.length) writes++;
      more = sent === chunk.length;
    }
    if (writing && offset >= data.length) {
      await sys.shutdown(fd, 'wr');
      writing = false;
      more = true;
    }
    if (read && readSizes.length > 0) {
      for (const got of received) {
        if (got === undefined || read.into.ended) continue;
        if (got.length === 0) read.into.ended = true;
        read.into.chunks.push(got);
        read.into.got += got.length;
        nextReadUs = sys.host.sim.nowUs + read.pauseMs * 1000;
      }
      const last = received[received.length - 1];
      more ||= read.pauseMs === 0 && last !== undefined && last.length > 0;
    }
    if (more || done()) continue;
    const pausing = read !== undefined && !read.into.ended && sys.host.sim.nowUs < nextReadUs;
    // Every call of this moment that did not fail with EAGAIN notified the host's activity once;
    // anything beyond is news.
    const notified = [sent, ...received].filter((result) => result !== undefined).length;
    await wait.sleep(seen, notified, pausing ? nextReadUs - sys.host.sim.nowUs : undefined);
  }
}
