/** The temperature demo over TCP: the four scenes on the reference, a readable failure on the starter. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readPcapng } from '../../harness/phy/pcapng-reader';
import { collectIo } from '../lib/io';
import { checkPcapAndSeed, NO_REFERENCE, scratchDir, withReference } from './demo-checks';
import { runDemo } from '../run';
import { run } from '../temperature-tcp';

const dir = scratchDir('socklab-demo-tcp-');

describe('npm run demo -- temperature-tcp', () => {
  withReference(`on the reference: handshake, "42 C", close, a refused connect, a resent SYN, TIME_WAIT's end; exit 0${NO_REFERENCE}`, async () => {
    const io = collectIo();
    const pcap = path.join(dir(), 'reference.pcapng');
    const result = await run(['--pcap', pcap], io);
    const text = io.text();
    expect(result).toEqual({ status: 0, answer: '42 C' });
    expect(text).toContain('[ 0.002000 s] client: connect(3, 10.0.0.2:4242) = 0');
    expect(text).toContain('[ 0.004000 s] client: recv(3, 1500) = 4 "42 C"');
    expect(text).toContain('[ 0.006000 s] client: tcpInfo(3).state = TIME_WAIT');
    expect(text).toContain('[ 0.012000 s] client: connect(4, 10.0.0.2:4243) → ECONNREFUSED (errno 111)');
    expect(text).toMatch(/Flags \[R\.\], seq 0, ack 1/);
    expect(text).toMatch(/\|------------x {12}\| {2}lost \(scripted\): 10\.0\.0\.1:\d+ > 10\.0\.0\.2:4242: Flags \[S\]/);
    // The lost SYN at 20 ms is sent again after the initial RTO of 1 s; the handshake ends a round trip later.
    expect(text).toContain('[ 1.022000 s] client: connect(4, 10.0.0.2:4242) = 0');
    expect(text).toContain('[61.000000 s] client: tcpInfo(3).state = CLOSED');
    expect(text).toContain('TcpRetransSegs 1');
    expect(text).not.toContain('FAILED');
    expect(text).toMatch(/ 0\.020000 s {3}\|-+x/);
    expect(text).toMatch(/ 1\.020000 s {3}\|-+>\| {2}10\.0\.0\.1:\d+ > 10\.0\.0\.2:4242: Flags \[S\]/);
    // 9 in scene 1 (the request and the answer each carry the ACK of the other side's last segment,
    // delayed until then), 2 in scene 2 (SYN, RST), 10 in scene 3 (the lost SYN, then scene 1's nine).
    const file = readPcapng(fs.readFileSync(pcap));
    const records = file.ok ? file.value.records : [];
    expect(records).toHaveLength(21);
    // The lost SYN is there once, as it was sent at 20 ms, and says it never arrived.
    const commented = records.filter((record) => record.comments.length > 0);
    expect(commented.map((record) => [record.timeUs, record.comments])).toEqual([[20_000, ['dropped by the link: scripted drop (on purpose)']]]);
  });

  checkPcapAndSeed(run, dir);

  it('on the starter: names the missing m2 stub and the handout, exits 1, no stack trace', async () => {
    const io = collectIo();
    const result = await run(['--stack', 'starter', '--pcap', path.join(dir(), 'starter.pcapng')], io);
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
