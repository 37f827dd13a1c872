/**
 * The TCP segment codec, on the wire: the header and the MSS option the stack writes, the options
 * it must read (and skip), and segments it must drop and count without ever throwing.
 */
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { randomBytes } from '../../../m1-udp/tests/support/bytes';
import { counterChanges } from '../../../m1-udp/tests/support/counters';
import { rngFor } from '../../../m1-udp/tests/support/seeded';
import { patchTcp, truncatedTcp, withBadChecksum } from '../support/crafted';
import { openTcpLab } from '../support/tcp-lab';
import { listenOn } from '../support/tcp-sockets';

const STACK_PORT = 8080;
const PEER_PORT = 5000;

const { SYN, ACK, PSH } = TcpFlag;

describe('TCP segments', () => {
  netTest('the SYN-ACK carries the MSS option (kind 2, length 4) in a 24-byte header; a segment without SYN has no option and a 20-byte header', async (t) => {
    const lab = openTcpLab(t);
    const listener = await listenOn(lab.sys, STACK_PORT);
    const conn = lab.connection(PEER_PORT, STACK_PORT);
    const synAck = await conn.open();
    expect(synAck.header.dataOffset).toBe(6);
    expect(synAck.header.options).toEqual([{ kind: 'mss', value: 1460 }]);
    const { fd } = await lab.sys.accept(listener);
    await lab.sys.send(fd, new TextEncoder().encode('42 C'));
    const data = await conn.expect({ flags: PSH | ACK, data: new TextEncoder().encode('42 C') });
    expect(data.header.dataOffset).toBe(5);
    expect(data.header.options).toEqual([]);
  });

  netTest("the stack's data segments of 1 to 9 bytes, odd lengths and even, carry checksums that verify", async (t) => {
    const lab = openTcpLab(t);
    const listener = await listenOn(lab.sys, STACK_PORT);
    const conn = lab.connection(PEER_PORT, STACK_PORT);
    await conn.open();
    const { fd } = await lab.sys.accept(listener);
    const rng = rngFor(t.seed, 'payloads');
    for (let length = 1; length <= 9; length++) {
      const data = randomBytes(rng, length);
      await lab.sys.send(fd, data);
      await conn.expect({ flags: PSH | ACK, data });
      await conn.ack();
    }
  });

  netTest('a SYN full of options the stack does not use (window scale, SACK, timestamps, an unknown kind) is understood: its MSS is used', async (t) => {
    const lab = openTcpLab(t);
    const listener = await listenOn(lab.sys, STACK_PORT);
    const conn = lab.connection(PEER_PORT, STACK_PORT);
    await conn.open([
      { kind: 'nop' },
      { kind: 'wscale', shift: 7 },
      { kind: 'sackPermitted' },
      { kind: 'timestamp', tsval: 12345, tsecr: 0 },
      { kind: 99, data: new Uint8Array([1, 2, 3, 4]) },
      { kind: 'mss', value: 700 },
    ]);
    const { fd } = await lab.sys.accept(listener);
    await lab.sys.send(fd, new Uint8Array(1500));
    await conn.expect({ flags: ACK, length: 700 });
    await conn.expect({ flags: ACK, length: 700 });
    await conn.expect({ flags: PSH | ACK, length: 100 });
  });

  netTest('an option whose length runs past the options area ends their parsing; what was read before it counts', async (t) => {
    const lab = openTcpLab(t);
    const listener = await listenOn(lab.sys, STACK_PORT);
    const conn = lab.connection(PEER_PORT, STACK_PORT);
    // The unknown option after the 4-byte MSS option claims 40 bytes, far more than are left.
    await conn.syn([{ kind: 'mss', value: 600 }, { kind: 99, data: new Uint8Array(2) }], (syn) => patchTcp(syn, (segment) => void (segment[25] = 40)));
    await conn.expect({ flags: SYN | ACK, seq: 0, ack: 1 });
    await conn.ack();
    const { fd } = await lab.sys.accept(listener);
    await lab.sys.send(fd, new Uint8Array(1000));
    await conn.expect({ flags: ACK, length: 600 });
    await conn.expect({ flags: PSH | ACK, length: 400 });
  });

  netTest('a segment whose checksum does not verify is dropped without an answer, and counted in TcpInCsumErrors and TcpInErrs', async (t) => {
    const lab = openTcpLab(t);
    await listenOn(lab.sys, STACK_PORT);
    const conn = lab.connection(PEER_PORT, STACK_PORT);
    const before = await lab.sys.counters();
    await conn.syn(undefined, withBadChecksum);
    await lab.quiet(100, 'a damaged SYN may be from anyone: it gets no SYN-ACK, and no RST');
    expect(counterChanges(before, await lab.sys.counters())).toMatchObject({ TcpInCsumErrors: 1, TcpInErrs: 1 });
    await conn.open();
  });

  netTest('a segment shorter than a TCP header, or whose data offset is below 5 or beyond its end, is dropped and counted in TcpInErrs', async (t) => {
    const lab = openTcpLab(t);
    await listenOn(lab.sys, STACK_PORT);
    const conn = lab.connection(PEER_PORT, STACK_PORT);
    const syn = conn.build({ flags: SYN, seq: 0 });
    const before = await lab.sys.counters();
    await lab.send(truncatedTcp(syn, 19));
    await lab.send(patchTcp(syn, (segment) => void (segment[12] = 4 << 4)));
    await lab.send(patchTcp(syn, (segment) => void (segment[12] = 15 << 4)));
    await lab.quiet(100, 'malformed segments get no answer');
    expect(counterChanges(before, await lab.sys.counters())).toMatchObject({ TcpInErrs: 3 });
    await conn.open();
  });
});
