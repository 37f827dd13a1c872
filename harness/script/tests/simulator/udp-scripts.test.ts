/**
 * Real scripts against the reference's m1 UDP stack: the passing ones through the jest helper,
 * the deliberately wrong ones for the message each must fail with.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CreateKernel } from '../../../contract';
import { loadSubmission } from '../../../loader';
import { readPcapng } from '../../../phy/pcapng-reader';
import { IPPROTO_UDP } from '../../../wire';
import { runScriptFile } from '../../run-file';
import { scriptTests } from '../../script-tests';
import { simBackend } from '../../simulator/backend';

const ROOT = path.resolve(__dirname, '../../../..');
const WRONG = path.join(__dirname, '../scripts/udp-wrong');

describe('UDP scripts that pass on the reference', () => {
  scriptTests(path.join(__dirname, '../scripts/udp'), { stack: 'reference' });
});

/** Run a script and return its report, which must be a failure. */
async function failure(file: string, options: { stack?: string; createKernel?: CreateKernel } = {}): Promise<string> {
  const result = await runScriptFile(file, {
    stack: options.stack ?? 'reference',
    seed: 1,
    ...(options.createKernel ? { backend: simBackend(options.createKernel) } : {}),
    artifactFile: path.relative(ROOT, __filename),
    artifactName: path.basename(file),
  });
  expect(result.passed).toBe(false);
  return result.report;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('UDP scripts that are wrong on purpose fail with the right message', () => {
  it.each([
    ['wrong-length.pkt', ':7: wrong packet', ['expected: > udp (6)   at 0.100 s (±4 ms)', 'actual:   > udp (5)   at 0.100 s', 'differs:  payload length is 5 bytes, expected 6 bytes']],
    ['wrong-errno.pkt', ':5: bind did not return what the script expects', ['bind returned -1 EADDRINUSE, expected 0']],
    ['missing-packet.pkt', ':5: the expected packet did not come', ['expected: > udp (10)   at 0.200 s (±4 ms)', 'actual:   nothing']],
    // A packet no line expects is blamed on the line it answers, not on the line that noticed it.
    ['unexpected-packet.pkt', ':3: unexpected packet: the stack answered this line with a packet no line expects', ['nothing before 0.200 s, when line 4 makes its call', '> icmp unreachable port_unreachable   at 0.100 s']],
    ['unexpected-at-end.pkt', ':2: unexpected packet: the stack answered this line with a packet no line expects', ['quiet period until 0.010 s']],
    ['early.pkt', ':4: timing error: the packet came 96 ms before its window', ['actual:   > udp (5)   at 0.000 s']],
    ['late-return.pkt', ':4: timing error: recvfrom returned outside its window', ['expected: = 7   returning at 0.100 s (±4 ms)', 'actual:   = 7   returned at 0.200 s']],
    ['never-returns.pkt', ':4: recvfrom never returned', []],
    // A call still blocked when the next one comes is blamed, unless its window is still open (then the script overlaps two calls).
    ['blocked-at-next-call.pkt', ':4: recvfrom never returned: still blocked at 0.100 s, when line 5 makes its call', []],
    ['window-passed.pkt', ':4: recvfrom never returned: still blocked at 0.300 s, when line 5 makes its call', ['expected: = 7   returning at 0.100 s (±4 ms)']],
    ['one-call-at-a-time.pkt', ':5: cannot start: the recvfrom of line 4 is still blocked', []],
    ['wrong-icmp-code.pkt', ':3: wrong packet', ['code is 3, expected 1']],
    ['wrong-so-error.pkt', ':7: getsockopt did not return what the script expects', ["the option's value is 111 (ECONNREFUSED), expected 0"]],
    ['dropped-unseen.pkt', ':7: recvfrom never returned', ['its kernel dropped, by its counters: UdpNoPorts 1 (no socket on its UDP port)']],
  ])('%s', async (file, headline, details) => {
    const report = await failure(path.join(WRONG, file));
    expect(report.split('\n')[0]).toMatch(new RegExp(`^${escape(path.relative(process.cwd(), path.join(WRONG, file)))}${escape(headline)}`));
    for (const detail of details) expect(report).toContain(detail);
  });

  it('a report shows the line, the seed and how to rerun, the time, the pcap and the ladder', async () => {
    const report = await failure(path.join(WRONG, 'wrong-length.pkt'));
    expect(report).toContain('     7 | +0   > udp (6)');
    expect(report).toContain('stack: reference on the simulator');
    expect(report).toMatch(/seed: +1 +\(rerun just this: npm run script -- (?!--stack)\S*wrong-length\.pkt --seed 1\)/);
    expect(report).toContain('virtual time: 100.000 ms');
    expect(report).toMatch(/\|<-+\| +10\.0\.0\.2:5000 > 10\.0\.0\.1:8080: UDP, length 10/);
    const pcap = /pcap: +(\S+)/.exec(report)![1]!;
    const read = readPcapng(fs.readFileSync(path.join(ROOT, pcap)));
    expect(read.ok && read.value.records.length).toBe(2);
  });

  it("the rerun command names the stack only when it is not the repository's own", async () => {
    const report = await failure(path.join(WRONG, 'wrong-length.pkt'), { stack: 'starter' });
    expect(report).toMatch(/rerun just this: npm run script -- --stack starter \S*wrong-length\.pkt --seed 1\)/);
  });

  it('a stack that sends bad checksums fails every line that expects its packets', async () => {
    const reference = loadSubmission('reference').createKernel;
    const badChecksums: CreateKernel = (env) =>
      reference({
        ...env,
        transmit: (packet) => {
          // Flip the UDP checksum's low bit (IPv4 header of 20 bytes, checksum at offset 6).
          if (packet[9] === IPPROTO_UDP) packet[20 + 7]! ^= 1;
          env.transmit(packet);
        },
      });
    const report = await failure(path.join(__dirname, '../scripts/udp/echo.pkt'), { createKernel: badChecksums });
    expect(report).toContain(':8: wrong packet');
    expect(report).toMatch(/differs: +UDP checksum 0x[0-9a-f]{4} does not verify/);
  });

  it("a stack that drops a packet fails at the line that waited for it, and the report names the kernel's drops", async () => {
    const reference = loadSubmission('reference').createKernel;
    // Every inbound UDP datagram's checksum is off by one bit: the reference drops and counts it.
    const corrupt = (packet: Uint8Array): Uint8Array => (packet[9] === IPPROTO_UDP ? Uint8Array.from(packet, (byte, i) => (i === 20 + 7 ? byte ^ 1 : byte)) : packet);
    const dropsInbound: CreateKernel = (env) =>
      new Proxy(reference(env), {
        get: (kernel, name) => (name === 'receive' ? (packet: Uint8Array) => kernel.receive(corrupt(packet)) : (Reflect.get(kernel, name) as () => unknown).bind(kernel)),
      });
    const report = await failure(path.join(__dirname, '../scripts/udp/echo.pkt'), { createKernel: dropsInbound });
    expect(report.split('\n')[0]).toMatch(/echo\.pkt:6: recvfrom never returned: still blocked at 0\.100 s, when line 7 makes its call/);
    expect(report).toContain('its kernel dropped, by its counters: UdpInCsumErrors 1 (UDP checksum did not verify), UdpInErrors 1 (UDP datagrams dropped as errors)');
  });

  it('on the starter, a script fails with "not implemented" at the line that reached it', async () => {
    const report = await failure(path.join(__dirname, '../scripts/udp/echo.pkt'), { stack: 'starter' });
    expect(report.split('\n')[0]).toMatch(/echo\.pkt:4: not implemented \(m1: .+\)$/);
    expect(report).toContain('     4 | +0   bind(3, ..., ...) = 0');
    const injected = await failure(path.join(__dirname, '../scripts/udp/port-unreachable.pkt'), { stack: 'starter' });
    expect(injected.split('\n')[0]).toMatch(/port-unreachable\.pkt:3: not implemented \(m1: .+\)$/);
  });
});
