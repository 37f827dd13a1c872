/**
 * Whole conversations with the harness as the other host: a program on the stack serves or asks,
 * through blocking calls, and the harness checks every segment and every byte (a script checks
 * the lengths of payloads, not their bytes).
 */
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { bytesOf, randomBytes } from '../../../m1-udp/tests/support/bytes';
import { counterChanges } from '../../../m1-udp/tests/support/counters';
import { rngFor } from '../../../m1-udp/tests/support/seeded';
import { fingerprint } from '../../../m1-udp/tests/support/summary';
import { openTcpLab } from '../support/tcp-lab';
import { listenOn, readExactly, startConnect, stateOf } from '../support/tcp-sockets';

const STACK_PORT = 4242;
const PEER_PORT = 5000;
const MSS = 1000;

const { SYN, ACK, PSH, FIN, RST } = TcpFlag;

describe('conversations', () => {
  netTest('the stack serves: the request arrives byte for byte, the answer goes back, and both sides close in order', async (t) => {
    const lab = openTcpLab(t);
    const { sys } = lab;
    const listener = await listenOn(sys, STACK_PORT);
    const server = (async () => {
      const { fd } = await sys.accept(listener);
      const request = await sys.recv(fd, 100);
      await sys.send(fd, bytesOf(new TextDecoder().decode(request) === 'temp?' ? '42 C' : '?'));
      const end = await sys.recv(fd, 100);
      await sys.close(fd);
      return end.length;
    })();
    const client = lab.connection(PEER_PORT, STACK_PORT);
    await client.open();
    await client.push(bytesOf('temp?'));
    await client.expectAnswer({ flags: PSH | ACK, data: bytesOf('42 C') });
    await client.ack();
    await client.fin();
    await client.expect({ flags: ACK });
    await client.expect({ flags: FIN | ACK });
    await client.ack();
    expect(await server).toBe(0);
  });

  netTest('the stack asks: connect, a request of three segments, an answer of three segments, and it closes first', async (t) => {
    const lab = openTcpLab(t);
    const { sys } = lab;
    const rng = rngFor(t.seed, 'payloads');
    const [request, answer] = [randomBytes(rng, 2 * MSS + 300), randomBytes(rng, 2 * MSS + 700)];
    const fd = await startConnect(sys, { address: lab.peerAddress, port: PEER_PORT });
    const conn = lab.connection(PEER_PORT, (await sys.getsockname(fd)).port);
    await conn.answer([{ kind: 'mss', value: MSS }]);
    await sys.send(fd, request);
    await conn.expect({ flags: ACK, data: request.subarray(0, MSS) });
    await conn.expect({ flags: ACK, data: request.subarray(MSS, 2 * MSS) });
    await conn.expect({ flags: PSH | ACK, data: request.subarray(2 * MSS) });
    await conn.ack();
    for (const [from, to] of [[0, MSS], [MSS, 2 * MSS], [2 * MSS, answer.length]] as const) {
      await conn.push(answer.subarray(from, to));
      await conn.expect({ flags: ACK });
    }
    expect(fingerprint(await readExactly(sys, fd, answer.length))).toBe(fingerprint(answer));
    await sys.close(fd);
    await conn.expect({ flags: FIN | ACK });
    await conn.ack();
    await conn.fin();
    await conn.expect({ flags: ACK });
  });

  netTest('counters: opens, failed attempts, resets of established connections, RSTs sent', async (t) => {
    const lab = openTcpLab(t);
    const { sys } = lab;
    const before = await sys.counters();
    const listener = await listenOn(sys, STACK_PORT);
    const passive = lab.connection(PEER_PORT, STACK_PORT);
    await passive.open();
    const { fd } = await sys.accept(listener);
    await passive.rst();
    await lab.sleep(2);
    expect(await stateOf(sys, fd)).toBe('CLOSED');
    const refused = await startConnect(sys, { address: lab.peerAddress, port: PEER_PORT });
    const active = lab.connection(PEER_PORT, (await sys.getsockname(refused)).port);
    await active.expect({ flags: SYN, seq: 0 });
    await active.send({ flags: RST | ACK, seq: 0 });
    const stray = lab.connection(PEER_PORT, STACK_PORT + 1);
    await stray.syn();
    await stray.expect({ flags: RST | ACK, seq: 0, ack: 1 });
    expect(counterChanges(before, await sys.counters())).toMatchObject({
      TcpPassiveOpens: 1,
      TcpActiveOpens: 1,
      TcpAttemptFails: 1,
      TcpEstabResets: 1,
      TcpOutRsts: 1,
    });
  });
});
