/**
 * TCP between the reference stack and Linux over TUN, both ways round: the handshake, a few
 * segments of data each way (checked by sha256), and an orderly close — each side shuts down its
 * sending half, reads the other's data to end of file, and closes.
 */
import { EPOLLIN } from '../../../contract';
import type { LinuxSockets } from '../../tun/linux-sockets';
import { describeTun } from '../../tun/tun-suite';
import { runSeed } from '../../../sim/rng';
import { seededBytes, sha256 } from '../../../sim/seeded-data';
import { withPair } from './pair-test';
import * as io from '../../tun/stack-io';

/** A few segments each way (MSS 1460). */
const SIZE = 5000;
const PORT = 8080;

async function linuxRecvAll(linux: LinuxSockets, fd: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for (;;) {
    const chunk = await linux.recv(fd, 65536);
    if (chunk.length === 0) return Buffer.concat(chunks);
    chunks.push(chunk);
  }
}

describeTun('TCP between the reference stack and Linux', () => {
  const fromStack = seededBytes(runSeed(), 'from the stack', SIZE);
  const fromLinux = seededBytes(runSeed(), 'from Linux', SIZE);

  it('Linux accepts a connection from the stack; data both ways; orderly close', () =>
    withPair(async ({ stack, linux, linuxAddress }) => {
      const listener = await linux.socket('tcp');
      await linux.setsockopt(listener, 'SO_REUSEADDR', 1);
      await linux.bind(listener, { address: linuxAddress, port: PORT });
      await linux.listen(listener, 1);
      const accepted = linux.accept(listener);
      const client = await stack.call('socket', 'tcp');
      await io.connect(stack, client, { address: linuxAddress, port: PORT });
      const { fd: server, peer } = await accepted;
      expect(peer).toEqual(await stack.call('getsockname', client));

      const linuxSide = (async () => {
        expect(await linux.send(server, fromLinux)).toBe(SIZE);
        await linux.shutdown(server, 'wr');
        return linuxRecvAll(linux, server);
      })();
      await io.sendAll(stack, client, fromStack);
      await stack.call('shutdown', client, 'wr');
      const atStack = await io.recvAll(stack, client);
      const atLinux = await linuxSide;
      expect(sha256(atLinux)).toBe(sha256(fromStack));
      expect(sha256(atStack)).toBe(sha256(fromLinux));
      await linux.close(server);
      await stack.call('close', client);
      await linux.close(listener);
    }));

  it('the stack accepts a connection from Linux; data both ways; orderly close', () =>
    withPair(async ({ stack, linux, stackAddress }) => {
      const listener = await stack.call('socket', 'tcp');
      await stack.call('bind', listener, { address: stackAddress, port: PORT });
      await stack.call('listen', listener, 1);
      const client = await linux.socket('tcp');
      const connected = linux.connect(client, { address: stackAddress, port: PORT });
      const server = await io.accept(stack, listener);
      await connected;

      const linuxSide = (async () => {
        expect(await linux.send(client, fromLinux)).toBe(SIZE);
        await linux.shutdown(client, 'wr');
        return linuxRecvAll(linux, client);
      })();
      await io.sendAll(stack, server, fromStack);
      await stack.call('shutdown', server, 'wr');
      const atStack = await io.recvAll(stack, server);
      const atLinux = await linuxSide;
      expect(sha256(atLinux)).toBe(sha256(fromStack));
      expect(sha256(atStack)).toBe(sha256(fromLinux));
      await stack.call('close', server);
      await linux.close(client);
      // The listener is not readable any more: its one connection was taken.
      expect((await stack.call('poll', listener)) & EPOLLIN).toBe(0);
      await stack.call('close', listener);
    }));
});
