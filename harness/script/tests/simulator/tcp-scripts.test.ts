/**
 * TCP lines against a scripted fake kernel (fake-tcp-kernel.ts): handshakes both ways, data
 * across the sequence-number wraparound on both sides, RSTs, timing windows, and the message of
 * each kind of mismatch.
 */
import { parseScript } from '../../language/parser';
import { formatFailure } from '../../runner/report';
import { runScript } from '../../runner/runner';
import { simBackend } from '../../simulator/backend';
import { fakeTcpKernel, type FakeTcpOptions } from './fake-tcp-kernel';

/** Run a script on the fake; undefined when it passes, else the failure as the report prints it. */
async function run(source: string, fake: FakeTcpOptions = {}): Promise<string | undefined> {
  const result = await runScript(parseScript(source, 'tcp.pkt'), { seed: 1, backend: simBackend(fakeTcpKernel(fake)) });
  return result.failure && formatFailure('tcp.pkt', result.failure);
}

const LISTEN = `
0    socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
+0   bind(3, ..., ...) = 0
+0   listen(3, 1) = 0
`;

/** A passive open, then the last line `synAck` stands for the stack's SYN-ACK. */
const handshake = (synAck: string, options = ''): string =>
  `${options}${LISTEN}+.1  < S 0:0(0) win 32792 <mss 1000,sackOK,nop,nop,nop,wscale 7>\n${synAck}\n`;

describe('TCP lines on a fake kernel', () => {
  it('a passive open and data both ways, across the wraparound of both sequence spaces', async () => {
    const script = `--peer_isn=4294967295
${LISTEN}
+.1  < S 0:0(0) win 32792 <mss 1000,sackOK,nop,nop,nop,wscale 7>
+0   > S. 0:0(0) ack 1 win 65535 <mss 1460>
+.1  < . 1:1(0) ack 1 win 257
+0   accept(3, ..., ...) = 4
+0   write(4, ..., 100) = 100
+0   > P. 1:101(100) ack 1
+.05 < P. 1:21(20) ack 101 win 257
+0   > . 101:101(0) ack 21
+0   read(4, ..., 100) = 20
`;
    expect(await run(script)).toBeUndefined();
  });

  it('accept blocks until the handshake completes, and returns within its window', async () => {
    const script = `${LISTEN}
0.1...0.2 accept(3, ..., ...) = 4
0.1  < S 0:0(0) win 1000 <mss 1000>
+0   > S. 0:0(0) ack 1 <...>
0.2  < . 1:1(0) ack 1 win 1000
`;
    expect(await run(script)).toBeUndefined();
    expect(await run(script.replace('0.1...0.2', '0.1...0.15'))).toContain('tcp.pkt:6: timing error: accept returned outside its window');
  });

  it('a nonblocking connect: EINPROGRESS, SYN, SYN-ACK, ACK, then writable', async () => {
    const script = `
0    socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
+0   fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0
+0   connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)
+0   > S 0:0(0) <mss 1460>
+.1  < S. 0:0(0) ack 1 win 5840 <mss 1400>
+0   > . 1:1(0) ack 1
+0   poll([{fd=3, events=POLLOUT, revents=POLLOUT}], 1, 0) = 1
+0   getsockopt(3, SOL_SOCKET, SO_ERROR, [0], [4]) = 0
`;
    expect(await run(script)).toBeUndefined();
  });

  it('a blocking connect refused by a RST', async () => {
    const script = `
0         socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
+0...0.1  connect(3, ..., ...) = -1 ECONNREFUSED (Connection refused)
0         > S 0:0(0) <mss 1460>
0.1       < R. 0:0(0) ack 1 win 0
`;
    expect(await run(script)).toBeUndefined();
  });

  it('a SYN to a closed port is answered with RST (the stack has no ISN yet: its numbers are absolute)', async () => {
    expect(await run('0 < S 0:0(0) win 1000\n+0 > R. 0:0(0) ack 1 win 65535\n')).toBeUndefined();
    expect(await run('0 < . 1:1(0) ack 1000 win 1000\n+0 > R 1000:1000(0)\n')).toBeUndefined();
  });

  it.each([
    ['the window', '+0 > S. 0:0(0) ack 1 win 65000 <mss 1460>', 'win is 65535, expected 65000'],
    ['the ack', '+0 > S. 0:0(0) ack 2 <mss 1460>', 'ack is 1, expected 2'],
    ['the options', '+0 > S. 0:0(0) ack 1 <mss 1000>', 'options are <mss 1460>, expected <mss 1000>'],
    ['missing options', '+0 > S. 0:0(0) ack 1', 'options are <mss 1460>, expected <>'],
    ['the flags', '+0 > S 0:0(0) <mss 1460>', 'flags are [S.], expected [S]'],
    ['the length', '+0 > S. 0:1(1) ack 1 <mss 1460>', 'payload length is 0 bytes, expected 1 byte'],
  ])('a wrong SYN-ACK: %s', async (_, synAck, difference) => {
    const failure = await run(handshake(synAck));
    expect(failure).toContain(`tcp.pkt:6: wrong packet\n     6 | ${synAck}`);
    expect(failure).toContain('actual:   > S. 0:0(0) ack 1 win 65535 <mss 1460>   at 0.100 s');
    expect(failure).toContain(`differs:  ${difference}`);
  });

  it('a wrong data segment after the wraparound names the relative seq', async () => {
    const script = `${LISTEN}
+.1  < S 0:0(0) win 1000
+0   > S. 0:0(0) ack 1 <...>
+0   < . 1:1(0) ack 1 win 1000
+0   accept(3, ..., ...) = 4
+0   write(4, ..., 100) = 100
+0   > P. 2:102(100) ack 1
`;
    expect(await run(script)).toContain('differs:  seq is 1, expected 2');
  });

  describe('timing', () => {
    const synAck = '+0 > S. 0:0(0) ack 1 <...>';

    it('a packet within the tolerance passes; one just past it is late, by how much', async () => {
      expect(await run(handshake(synAck), { synAckDelayMs: 4 })).toBeUndefined();
      expect(await run(handshake(synAck), { synAckDelayMs: 5 })).toContain('tcp.pkt:6: timing error: the packet came 1 ms after its window');
      expect(await run(handshake(synAck, '--tolerance_usecs=10000\n'), { synAckDelayMs: 9 })).toBeUndefined();
    });

    it('a range is exact: both ends included, nothing outside', async () => {
      expect(await run(handshake('+0.01~+0.02 > S. 0:0(0) ack 1 <...>'), { synAckDelayMs: 10 })).toBeUndefined();
      expect(await run(handshake('+0.01~+0.02 > S. 0:0(0) ack 1 <...>'), { synAckDelayMs: 20 })).toBeUndefined();
      expect(await run(handshake('+0.01~+0.02 > S. 0:0(0) ack 1 <...>'), { synAckDelayMs: 9 })).toContain('came 1 ms before its window');
    });

    it('* takes the packet whenever it comes, and the next + counts from then', async () => {
      const script = `${handshake('* > S. 0:0(0) ack 1 <...>')}+.1 < . 1:1(0) ack 1 win 1000\n+0 accept(3, ..., ...) = 4\n`;
      expect(await run(script, { synAckDelayMs: 700 })).toBeUndefined();
    });
  });
});
