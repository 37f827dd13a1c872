/**
 * A bulk transfer between a socklab stack and Linux over TUN: one connection (Linux listens, the
 * stack connects), the sender writes everything and shuts down its half, the receiver reads to
 * end of file. What arrived is compared with what was sent by sha256, and the time from connect
 * to end of file gives the goodput. Both the interop test and `npm run interop` use it.
 */
import type { LinuxSockets } from './linux-sockets';
import { sha256 } from '../../sim/seeded-data';
import * as io from './stack-io';
import type { TunPair } from './tun-pair';

/** Which side sends. */
export type TransferDirection = 'stack-to-linux' | 'linux-to-stack';

export interface TransferResult {
  readonly direction: TransferDirection;
  readonly sentBytes: number;
  readonly receivedBytes: number;
  readonly sentSha256: string;
  readonly receivedSha256: string;
  readonly seconds: number;
  /** Goodput: bytes delivered, in megabits per second. */
  readonly mbitPerSecond: number;
}

/** Whether the bytes that arrived are the bytes sent. */
export function transferIntact(result: TransferResult): boolean {
  return result.sentBytes === result.receivedBytes && result.sentSha256 === result.receivedSha256;
}

/** One line about `result`, as the CLI prints it and a failing test reports it. */
export function describeTransfer(result: TransferResult): string {
  const verdict = transferIntact(result) ? 'intact (sha256 equal)' : `CORRUPTED: sha256 ${result.receivedSha256.slice(0, 16)}…, sent ${result.sentSha256.slice(0, 16)}…`;
  return `${result.direction}: ${result.receivedBytes} of ${result.sentBytes} bytes in ${result.seconds.toFixed(2)} s, ${result.mbitPerSecond.toFixed(1)} Mbit/s, ${verdict}`;
}

/** `result` when every byte arrived as sent; else an error that says what came. */
export function intact(result: TransferResult): TransferResult {
  if (!transferIntact(result)) throw new Error(describeTransfer(result));
  return result;
}

async function linuxSendAll(linux: LinuxSockets, fd: number, data: Uint8Array): Promise<void> {
  for (let sent = 0; sent < data.length; ) sent += await linux.send(fd, data.subarray(sent));
}

async function linuxRecvAll(linux: LinuxSockets, fd: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for (;;) {
    const chunk = await linux.recv(fd, 1 << 20);
    if (chunk.length === 0) return Buffer.concat(chunks);
    chunks.push(chunk);
  }
}

/** Send `data` one way over a new connection on `port`, and close it in order. */
export async function bulkTransfer(pair: TunPair, direction: TransferDirection, data: Uint8Array, port: number): Promise<TransferResult> {
  const { linux, stack } = pair;
  const listener = await linux.socket('tcp');
  await linux.setsockopt(listener, 'SO_REUSEADDR', 1);
  await linux.bind(listener, { address: pair.linuxAddress, port });
  await linux.listen(listener, 1);
  const accepted = linux.accept(listener);
  // Should the stack fail first, the pair's closing ends this call: that is not a second failure.
  accepted.catch(() => undefined);
  const client = await stack.call('socket', 'tcp');
  const started = performance.now();
  await io.connect(stack, client, { address: pair.linuxAddress, port });
  const { fd: server } = await accepted;
  let received: Uint8Array;
  if (direction === 'stack-to-linux') {
    const arriving = linuxRecvAll(linux, server);
    arriving.catch(() => undefined);
    await io.sendAll(stack, client, data);
    await stack.call('shutdown', client, 'wr');
    received = await arriving;
    await linux.close(server);
    await io.recvAll(stack, client); // Linux's FIN
  } else {
    const sending = linuxSendAll(linux, server, data).then(() => linux.shutdown(server, 'wr'));
    sending.catch(() => undefined);
    received = await io.recvAll(stack, client);
    await sending;
    await stack.call('shutdown', client, 'wr');
    await linuxRecvAll(linux, server);
    await linux.close(server);
  }
  const seconds = (performance.now() - started) / 1000;
  await stack.call('close', client);
  await linux.close(listener);
  return {
    direction,
    sentBytes: data.length,
    receivedBytes: received.length,
    sentSha256: sha256(data),
    receivedSha256: sha256(received),
    seconds,
    mbitPerSecond: (received.length * 8) / seconds / 1e6,
  };
}
