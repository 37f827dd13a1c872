/** The temperature demo over UDP: it tells the story and exits 0 on the reference, and fails readably on the starter. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readPcapng } from '../../harness/phy/pcapng-reader';
import { collectIo } from '../lib/io';
import { checkPcapAndSeed, NO_REFERENCE, scratchDir, withReference } from './demo-checks';
import { runDemo } from '../run';
import { run } from '../temperature-udp';

const dir = scratchDir('socklab-demo-udp-');

describe('npm run demo -- temperature-udp', () => {
  withReference(`on the reference stack: "temp?" gets "42 C", a closed port gives ECONNREFUSED, a lost request is asked again; exit 0${NO_REFERENCE}`, async () => {
    const io = collectIo();
    const pcap = path.join(dir(), 'reference.pcapng');
    const result = await run(['--pcap', pcap], io);
    const text = io.text();
    expect(result).toEqual({ status: 0, answer: '42 C' });
    expect(text).toContain('[ 0.000000 s] server: bind(3, 0.0.0.0:4242) = 0');
    expect(text).toContain('[ 0.000000 s] server: recvfrom(3, 1500) …waits');
    expect(text).toContain('[ 0.002000 s] client: recvfrom(3, 1500) = 4 "42 C" from 10.0.0.2:4242');
    expect(text).toContain('[ 0.012000 s] client: recv(4, 1500) → ECONNREFUSED (errno 111)');
    expect(text).toContain('[ 0.022000 s] client: poll(5, POLLIN, 10 ms) = 0 (timed out)');
    expect(text).toMatch(/ICMP 10\.0\.0\.2 udp port 4243 unreachable/);
    expect(text).toMatch(/\|------------x {12}\| {2}lost \(scripted\): 10\.0\.0\.1:\d+ > 10\.0\.0\.2:4242: UDP, length 5/);
    expect(text).toContain('[ 0.132000 s] client: recvfrom(3, 1500) = 4 "42 C" from 10.0.0.2:4242');
    expect(text).not.toContain('FAILED');
    // 2 in scene 1 (request, answer) + 4 in scene 2 (two requests, two ICMP) + 3 in scene 3 (lost, retry, answer) = 9.
    const file = readPcapng(fs.readFileSync(pcap));
    const records = file.ok ? file.value.records : [];
    expect(records).toHaveLength(9);
    // The lost request is there once, as it was sent at 30 ms, and says it never arrived.
    const commented = records.filter((record) => record.comments.length > 0);
    expect(commented.map((record) => [record.timeUs, record.comments])).toEqual([[30_000, ['dropped by the link: scripted drop (on purpose)']]]);
    expect(text).toContain(`why each lost packet was lost:  tshark -r ${pcap} -Y frame.comment`);
  });

  checkPcapAndSeed(run, dir);

  it('on the starter: says which stub is missing and exits 1, without a stack trace', async () => {
    const io = collectIo();
    const result = await run(['--stack', 'starter', '--client-stack', 'starter', '--pcap', path.join(dir(), 'starter.pcapng')], io);
    const text = io.text();
    expect(result.status).toBe(1);
    expect(text).toContain('server: bind(3, 0.0.0.0:4242) → not implemented (m1: bind a UDP socket');
    expect(text).toContain('FAILED: The starter stack is not finished: not implemented (m1: ');
    expect(text).toContain('assignments/m1-udp/README.md');
    expect(text).not.toMatch(/^\s+at /m);
  });

  withReference(`with the starter as the client only, blames the client's stack${NO_REFERENCE}`, async () => {
    const io = collectIo();
    const result = await run(['--client-stack', 'starter', '--pcap', path.join(dir(), 'client.pcapng')], io);
    expect(result.status).toBe(1);
    expect(io.text()).toContain('client: sendto(3, "temp?", 10.0.0.2:4242) → not implemented (m1: ');
    expect(io.text()).toContain('FAILED: The starter stack is not finished');
  });

  it('a bad command line exits 2 with the usage; a missing stack exits 1 and says where it looked', async () => {
    const usage = collectIo();
    expect((await run(['--frobnicate'], usage)).status).toBe(2);
    expect(usage.text()).toContain('unknown option "--frobnicate"');
    expect(usage.text()).toContain('usage: npm run demo -- temperature-udp');
    const missing = collectIo();
    expect((await run(['--stack', path.join(dir(), 'no-such-stack')], missing)).status).toBe(1);
    expect(missing.text()).toContain('no stack at');
  });
});

describe('npm run demo', () => {
  it('an unknown or missing name lists the demos and exits 2', async () => {
    for (const args of [['temperature-carrier-pigeon'], []]) {
      const io = collectIo();
      expect(await runDemo(args, io)).toBe(2);
      expect(io.text()).toContain('temperature-udp');
    }
  });

  it('dispatches by name, passing the rest of the arguments', async () => {
    const io = collectIo();
    expect(await runDemo(['temperature-udp', '--help'], io)).toBe(0);
    expect(io.text()).toContain('usage: npm run demo -- temperature-udp');
  });
});
