/**
 * The stack under test against the reference stack, in both roles: whole connections from the
 * handshake to TIME_WAIT, refused connections, simultaneous open and close, and the handshake's
 * and the close's segments lost once each (data stays small and loss-free in milestone 2).
 */
import type { Sys } from '../../../../harness/runtime';
import { netTest } from '../../../../harness/testkit';
import { randomBytes } from '../../../m1-udp/tests/support/bytes';
import { expectErrno } from '../../../m1-udp/tests/support/errno';
import { rngFor } from '../../../m1-udp/tests/support/seeded';
import { fingerprint } from '../../../m1-udp/tests/support/summary';
import { referencePair, ROLES, SERVICE_PORT, type Role } from '../support/reference-pair';
import { isBareAck, isFin, isSyn, isSynAck } from '../support/segment-kinds';
import { listenOn, readExactly, rtoOf, startConnect, stateOf } from '../support/tcp-sockets';

/** The initial RTO: a lost handshake segment is sent again this long after. */
const RTO_MS = 1000;
const TIME_WAIT_MS = 60_000;

/** Connect `client` to `server`'s listener; returns both ends' fds. */
async function connectPair(client: Sys, server: Sys, service: { address: string; port: number }, backlog = 8) {
  const listener = await listenOn(server, service.port, { backlog });
  const fd = await client.socket('tcp');
  const [accepted] = await Promise.all([server.accept(listener), client.connect(fd, service)]);
  return { listener, clientFd: fd, serverFd: accepted.fd };
}

/** `sender` writes `data` on `from`, `receiver` reads it whole on `to`; returns what arrived. */
async function carry(sender: Sys, from: number, receiver: Sys, to: number, data: Uint8Array): Promise<Uint8Array> {
  const [, arrived] = await Promise.all([sender.send(from, data), readExactly(receiver, to, data.length)]);
  return arrived;
}

const stackIs = (role: Role): string => `the stack as ${role}`;

describe('against the reference stack', () => {
  for (const role of ROLES) {
    netTest(`${stackIs(role)}: handshake, a few segments each way intact, the client closes first and ends in TIME_WAIT, the server in CLOSED`, async (t) => {
      const { client, server, service } = referencePair(t, role);
      const { clientFd, serverFd } = await connectPair(client, server, service);
      const rng = rngFor(t.seed, 'payloads');
      const [request, answer] = [randomBytes(rng, 3000), randomBytes(rng, 4100)];
      expect(fingerprint(await carry(client, clientFd, server, serverFd, request))).toBe(fingerprint(request));
      expect(fingerprint(await carry(server, serverFd, client, clientFd, answer))).toBe(fingerprint(answer));
      await client.shutdown(clientFd, 'wr');
      expect((await server.recv(serverFd, 100)).length).toBe(0);
      await server.close(serverFd);
      expect((await client.recv(clientFd, 100)).length).toBe(0);
      await client.sleep(10);
      expect(await stateOf(client, clientFd)).toBe('TIME_WAIT');
      await client.sleep(TIME_WAIT_MS);
      expect(await stateOf(client, clientFd)).toBe('CLOSED');
    });

    netTest(`${stackIs(role)}: the server closes first and waits in TIME_WAIT; the client's end is CLOSED once it closes too`, async (t) => {
      const { client, server, service } = referencePair(t, role);
      const { clientFd, serverFd } = await connectPair(client, server, service);
      await server.shutdown(serverFd, 'wr');
      expect((await client.recv(clientFd, 100)).length).toBe(0);
      expect(await stateOf(client, clientFd)).toBe('CLOSE_WAIT');
      await client.shutdown(clientFd, 'wr');
      expect((await server.recv(serverFd, 100)).length).toBe(0);
      await client.sleep(10);
      expect(await stateOf(server, serverFd)).toBe('TIME_WAIT');
      expect(await stateOf(client, clientFd)).toBe('CLOSED');
    });

    netTest(`${stackIs(role)}: a connect to a port where the other host does not listen is refused with ECONNREFUSED`, async (t) => {
      const { client, service } = referencePair(t, role);
      const fd = await client.socket('tcp');
      await expectErrno(client.connect(fd, { ...service, port: SERVICE_PORT + 1 }), 'ECONNREFUSED', 'connect to a closed port');
      expect(await stateOf(client, fd)).toBe('CLOSED');
    });

    netTest(`${stackIs(role)}: the SYN is lost: it is sent again after 1 s and the connection opens`, async (t) => {
      const { client, server, service, toServer } = referencePair(t, role);
      toServer.dropNth(1, isSyn);
      const started = client.host.sim.nowUs;
      await connectPair(client, server, service);
      expect((client.host.sim.nowUs - started) / 1000).toBeGreaterThanOrEqual(RTO_MS);
      expect((client.host.sim.nowUs - started) / 1000).toBeLessThan(RTO_MS + 10);
    });

    netTest(`${stackIs(role)}: the SYN-ACK is lost: the retransmitted SYN brings it again and the connection opens`, async (t) => {
      const { client, server, service, toClient } = referencePair(t, role);
      toClient.dropNth(1, isSynAck);
      const { clientFd, serverFd } = await connectPair(client, server, service);
      const data = new TextEncoder().encode('after a lost SYN-ACK');
      expect(new TextDecoder().decode(await carry(client, clientFd, server, serverFd, data))).toBe('after a lost SYN-ACK');
    });

    netTest(`${stackIs(role)}: the handshake's last ACK is lost: the SYN-ACK is sent again, acknowledged again, and accept returns`, async (t) => {
      const { client, server, service, toServer } = referencePair(t, role);
      toServer.dropNth(1, isBareAck);
      const listener = await listenOn(server, service.port);
      const fd = await client.socket('tcp');
      await client.connect(fd, service);
      const started = server.host.sim.nowUs;
      const { fd: accepted } = await server.accept(listener);
      expect((server.host.sim.nowUs - started) / 1000).toBeGreaterThan(RTO_MS - 10);
      expect(await stateOf(server, accepted)).toBe('ESTABLISHED');
    });

    netTest(`${stackIs(role)}: the client's FIN is lost: it is sent again one RTO later and the close completes`, async (t) => {
      const { client, server, service, toServer } = referencePair(t, role);
      const { clientFd, serverFd } = await connectPair(client, server, service);
      toServer.dropNth(1, isFin);
      const rto = await rtoOf(client, clientFd);
      await client.close(clientFd);
      const started = server.host.sim.nowUs;
      expect((await server.recv(serverFd, 100)).length).toBe(0);
      expect((server.host.sim.nowUs - started) / 1000).toBeGreaterThanOrEqual(rto);
      await server.close(serverFd);
      await server.sleep(10);
      await expectErrno(server.getsockopt(serverFd, 'SO_ERROR'), 'EBADF', 'a closed fd');
    });

    netTest(`${stackIs(role)}: five clients and a listener with backlog 1 accepting slowly: every connection gets in and is served`, async (t) => {
      const { client, server, service } = referencePair(t, role);
      const listener = await listenOn(server, service.port, { backlog: 1 });
      // One program per host (the client's sends one byte on each connection once it is open,
      // in turn), so that no two calls wait on one host at once.
      const clients: number[] = [];
      for (let i = 0; i < 5; i++) clients.push(await startConnect(client, service));
      const sending = (async () => {
        for (const [i, fd] of clients.entries()) await client.send(fd, new Uint8Array([i]));
      })();
      const served: number[] = [];
      for (let i = 0; i < clients.length; i++) {
        await server.sleep(500);
        const { fd } = await server.accept(listener);
        served.push((await server.recv(fd, 1))[0]!);
      }
      await sending;
      expect(served.sort()).toEqual([0, 1, 2, 3, 4]);
    });

    netTest(`${stackIs(role)}: a server restarts at once with SO_REUSEADDR while its old connection waits in TIME_WAIT`, async (t) => {
      const { client, server, service } = referencePair(t, role);
      const listener = await listenOn(server, service.port, { reuse: true });
      const fd = await client.socket('tcp');
      const [{ fd: accepted }] = await Promise.all([server.accept(listener), client.connect(fd, service)]);
      await server.close(accepted);
      await server.close(listener);
      expect((await client.recv(fd, 100)).length).toBe(0);
      await client.close(fd);
      await client.sleep(10);
      await expectErrno(listenOn(server, service.port), 'EADDRINUSE', 'a listener without SO_REUSEADDR during TIME_WAIT');
      const restarted = await listenOn(server, service.port, { reuse: true });
      const again = await client.socket('tcp');
      await client.connect(again, service);
      expect(await stateOf(server, (await server.accept(restarted)).fd)).toBe('ESTABLISHED');
    });
  }

  netTest('simultaneous open: both SYNs cross, both ends are ESTABLISHED and talk', async (t) => {
    const { client: a, server: b, net } = referencePair(t, 'client');
    const [portA, portB] = [6001, 6002];
    const [fdA, fdB] = await Promise.all([
      startConnect(a, { address: net.b.address, port: portB }, portA),
      startConnect(b, { address: net.a.address, port: portA }, portB),
    ]);
    await a.sleep(10);
    expect([await stateOf(a, fdA), await stateOf(b, fdB)]).toEqual(['ESTABLISHED', 'ESTABLISHED']);
    const data = new TextEncoder().encode('crossed');
    expect(new TextDecoder().decode(await carry(a, fdA, b, fdB, data))).toBe('crossed');
    expect(new TextDecoder().decode(await carry(b, fdB, a, fdA, data))).toBe('crossed');
  });

  netTest('simultaneous close: both FINs cross, both ends go through CLOSING to TIME_WAIT', async (t) => {
    const { client, server, service } = referencePair(t, 'client');
    const { clientFd, serverFd } = await connectPair(client, server, service);
    await Promise.all([client.shutdown(clientFd, 'wr'), server.shutdown(serverFd, 'wr')]);
    await client.sleep(10);
    expect([await stateOf(client, clientFd), await stateOf(server, serverFd)]).toEqual(['TIME_WAIT', 'TIME_WAIT']);
  });
});
