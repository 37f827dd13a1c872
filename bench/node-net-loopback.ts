/**
 * The yardstick of the simulator's goodput: Node's own `net` carrying a bulk transfer over
 * loopback, through the Linux kernel's TCP, in this process, with the same write size the
 * simulated transfer uses.
 */
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

const WRITE_SIZE = 64 * 1024;

/** Seconds to carry `bytes` from a client to a server over 127.0.0.1, connect to end of file. */
export async function nodeNetLoopbackSeconds(bytes: number): Promise<number> {
  const chunk = Buffer.alloc(WRITE_SIZE, 0x5a);
  let received = 0;
  let startedAt = 0;
  const server = net.createServer();
  const done = new Promise<number>((resolve, reject) => {
    server.on('connection', (socket) => {
      socket.on('data', (data: Buffer) => (received += data.length));
      socket.on('error', reject);
      socket.on('end', () => {
        if (received === bytes) resolve((performance.now() - startedAt) / 1000);
        else reject(new Error(`Node net over loopback delivered ${received} of ${bytes} bytes`));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    startedAt = performance.now();
    const client = net.connect((server.address() as AddressInfo).port, '127.0.0.1');
    client.on('error', () => undefined);
    for (let sent = 0; sent < bytes; sent += WRITE_SIZE) {
      const piece = sent + WRITE_SIZE <= bytes ? chunk : chunk.subarray(0, bytes - sent);
      if (!client.write(piece)) await new Promise((resolve) => client.once('drain', resolve));
    }
    client.end();
    return await done;
  } finally {
    server.close();
  }
}
