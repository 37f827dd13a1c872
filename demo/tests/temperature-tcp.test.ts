/** The temperature demo over TCP: the four scenes on the reference, a readable failure on the starter. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readPcap } from '../../harness/phy/pcap';
import { collectIo } from '../lib/io';
import { checkPcapAndSeed, NO_REFERENCE, scratchDir, withReference } from './demo-checks';
import { runDemo } from '../run';
import { run } from '../temperature-tcp';

const dir = scratchDir('socklab-demo-tcp-');

describe('npm run demo -- temperature-tcp', () => {
  withReference(`on the reference: handshake, "42 C", close, a refused connect, a resent SYN, TIME_WAIT's end; exit 0${NO_REFERENCE}`, async () => {
    const io = collectIo();
    const pcap = path.join(dir(), 'reference.pcap');
    const result = await run(['--pcap', pcap], io);
    const text = io.text();
    expect(result).toEqual({ status: 0, answer: '42 C' });
    expect(text).toContain('[   2.000 ms] client: connect(3, 10.0.0.2:4242) = 0');
    expect(text).toContain('[   4.000 ms] client: recv(3, 1500) = 4 "42 C"');
    expect(text).toContain('[   6.000 ms] client: tcpInfo(3).state = TIME_WAIT');
    expect(text).toContain('[  12.000 ms] client: connect(4, 10.0.0.2:4243) → ECONNREFUSED (errno 111)');
    expect(text).toMatch(/Flags \[R\.\], seq 0, ack 1/);
    expect(text).toMatch(/\|------------x {12}\| {2}lost \(scripted\): 10\.0\.0\.1:\d+ > 10\.0\.0\.2:4242: Flags \[S\]/);
    // The lost SYN at 20 ms is sent again after the initial RTO of 1 s; the handshake ends a round trip later.
    expect(text).toContain('[1022.000 ms] client: connect(4, 10.0.0.2:4242) = 0');
    expect(text).toContain('[61000.000 ms] client: tcpInfo(3).state = CLOSED');
    expect(text).toContain('TcpRetransSegs 1');
    expect(text).not.toContain('FAILED');
    // 11 in scene 1, 2 in scene 2 (SYN, RST), 12 in scene 3 (the lost SYN, then scene 1's eleven).
    const file = readPcap(fs.readFileSync(pcap));
    expect(file.ok && file.value.records.length).toBe(25);
  });

  checkPcapAndSeed(run, dir);

  it('on the starter: names the missing m2 stub and the handout, exits 1, no stack trace', async () => {
    const io = collectIo();
    const result = await run(['--stack', 'starter', '--pcap', path.join(dir(), 'starter.pcap')], io);
    const text = io.text();
    expect(result.status).toBe(1);
    expect(text).toContain('server: bind(3, 0.0.0.0:4242) → not implemented (m2: bind a TCP socket');
    expect(text).toContain('FAILED: The starter stack is not finished: not implemented (m2: ');
    expect(text).toContain('assignments/m2-handshake/README.md');
    expect(text).not.toMatch(/^\s+at /m);
  });

  it('is listed by npm run demo', async () => {
    const io = collectIo();
    expect(await runDemo([], io)).toBe(2);
    expect(io.text()).toContain('temperature-tcp');
  });
});
