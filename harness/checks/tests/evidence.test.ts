import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PcapngWriter } from '../../phy/pcapng';
import { readPcapng } from '../../phy/pcapng-reader';
import { checkPcapWithTshark, TSHARK_MISSING, tsharkAvailable, tsharkFields } from '../../phy/tshark';
import type { LinkEvent } from '../../sim/link-events';
import type { CapturePoint } from '../../sim/trace';
import { twoHosts, type TwoHostsOptions } from '../../sim/two-hosts';
import { createToyKernel, TOY_FD } from '../../testing/toy-kernel';
import { buildUdp } from '../../wire';
import { captureBytes, damageComment, describeDamage } from '../capture';
import { artifactPath, evidence, ladderEntries, savePcap, type FailedRun } from '../evidence';

const IMPAIRED: TwoHostsOptions['link'] = {
  rateBps: 10e6,
  delayUs: 1_000,
  queue: { packets: 4 },
  impairments: { loss: 0.05, reorder: { probability: 0.1, delayUs: 500 }, duplicate: { probability: 0.05 }, corrupt: 0.1 },
};

/**
 * 200 datagrams each way over impaired links, as bytes: what hosts sent as the failure evidence
 * writes it (dropped packets commented), or what they received.
 */
async function impairedExchange(seed: number, point: CapturePoint = 'send') {
  const toy = { createKernel: createToyKernel };
  const net = twoHosts({ seed, a: toy, b: toy, link: IMPAIRED });
  await net.a.syscall('socket', 'udp');
  await net.b.syscall('socket', 'udp');
  for (let i = 0; i < 200; i++) {
    const payload = new TextEncoder().encode(`reading ${i}: ${20 + (i % 7)} C`);
    await net.a.syscall('sendto', TOY_FD, payload, { address: net.b.address, port: 9 });
    await net.b.syscall('sendto', TOY_FD, payload, { address: net.a.address, port: 9 });
    if (i % 8 === 7) await net.sim.sleep(1);
  }
  await net.sim.drain();
  const writer = new PcapngWriter();
  for (const { timeUs, packet } of net.trace.packets('deliver')) writer.add(timeUs, packet);
  const pcap = point === 'send' ? captureBytes(ladderEntries(net.trace)) : writer.toBuffer();
  return { pcap, links: net.links, trace: net.trace, corruptedFrames: corruptedDeliveries(net.trace.events) };
}

/** pcap frame numbers (from 1) of the deliveries whose bytes differ from what was sent. */
function corruptedDeliveries(events: readonly LinkEvent[]): number[] {
  const sent = new Map<string, Uint8Array>();
  const frames: number[] = [];
  let frame = 0;
  for (const event of events) {
    const key = `${event.link}#${event.index}`;
    if (event.kind === 'send') sent.set(key, event.packet);
    if (event.kind !== 'deliver') continue;
    frame++;
    if (Buffer.compare(Buffer.from(event.packet), Buffer.from(sent.get(key)!)) !== 0) frames.push(frame);
  }
  return frames;
}

function tempFile(name: string, bytes: Uint8Array): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'socklab-')), name);
  fs.writeFileSync(file, bytes);
  return file;
}

describe('captures of simulated runs', () => {
  it('the same seed gives a byte-identical capture of an impaired exchange; another seed a different one', async () => {
    const first = await impairedExchange(11, 'deliver');
    const again = await impairedExchange(11, 'deliver');
    const other = await impairedExchange(12, 'deliver');
    expect(Buffer.compare(again.pcap, first.pcap)).toBe(0);
    expect(Buffer.compare(other.pcap, first.pcap)).not.toBe(0);
    expect(first.links.ab.counters().corrupted).toBeGreaterThan(0);
  });

  it('a packet a link damaged is there as it was sent, commented with the byte that arrived changed', async () => {
    const { pcap, links, trace } = await impairedExchange(5, 'send');
    const damaged = ladderEntries(trace).filter((entry) => entry.damage !== undefined);
    expect(damaged.length).toBeGreaterThan(5);
    expect(damaged.length).toBe(links.ab.counters().corrupted + links.ba.counters().corrupted);
    const read = readPcapng(pcap);
    const comments = read.ok ? read.value.records.flatMap((record) => record.comments) : [];
    expect(comments.filter((comment) => /^damaged by the link: byte \d+ \(0x[0-9a-f]+\) arrived as 0x[0-9a-f]{2}, sent as 0x[0-9a-f]{2} /.test(comment))).toHaveLength(damaged.length);
  });

  it('names the first byte a link changed, by its offset in the packet', () => {
    expect(describeDamage(Uint8Array.of(1, 2, 0x12, 4), Uint8Array.of(1, 2, 0x1a, 4))).toBe('byte 2 (0x2) arrived as 0x1a, sent as 0x12');
    expect(damageComment('byte 2 (0x2) arrived as 0x1a, sent as 0x12')).toBe("damaged by the link: byte 2 (0x2) arrived as 0x1a, sent as 0x12 (the receiver's checksum must reject it)");
  });

  const withTshark = tsharkAvailable() ? describe : describe.skip;
  withTshark(tsharkAvailable() ? 'read by tshark' : `read by tshark (skipped: ${TSHARK_MISSING})`, () => {
    it('what hosts sent is clean, dropped packets and their comments included: no malformed packet, no warning', async () => {
      const { pcap, links } = await impairedExchange(5, 'send');
      expect(Object.values(links.ab.counters().dropped).some((n) => n > 0)).toBe(true);
      expect(await checkPcapWithTshark(tempFile('sent.pcapng', pcap))).toEqual([]);
    });

    it('what hosts received after corruption is flagged: exactly the corrupted packets', async () => {
      const { pcap, corruptedFrames } = await impairedExchange(5, 'deliver');
      const problems = await checkPcapWithTshark(tempFile('delivered.pcapng', pcap));
      const flaggedFrames = [...new Set(problems.map((problem) => problem.frame))].sort((x, y) => x - y);
      expect(corruptedFrames.length).toBeGreaterThan(5);
      expect(flaggedFrames).toEqual(corruptedFrames);
    });
  });
});

describe('failure evidence', () => {
  const packets = [
    { timeUs: 0, packet: buildUdp({ src: '10.0.0.1', dst: '10.0.0.2', srcPort: 49152, dstPort: 7, payload: new Uint8Array(5) }) },
    { timeUs: 1_000, packet: buildUdp({ src: '10.0.0.2', dst: '10.0.0.1', srcPort: 7, dstPort: 49152, payload: new Uint8Array(5) }) },
    { timeUs: 2_000, packet: buildUdp({ src: '10.0.0.1', dst: '10.0.0.2', srcPort: 49152, dstPort: 7, payload: new Uint8Array(6) }), dropReason: 'loss' },
  ];
  const run: FailedRun = {
    testFile: 'assignments/m1-udp/tests/public/echo.test.ts',
    testName: 'echo › answers "42 C"',
    seed: 99,
    nowUs: 2_500,
    packets,
    sides: [
      { name: 'stack', address: '10.0.0.1' },
      { name: 'peer', address: '10.0.0.2' },
    ],
  };

  it('saves the pcapng under a path made of the test file and the test name, the lost packet commented', () => {
    expect(artifactPath(run.testFile, run.testName)).toBe(path.join('artifacts', 'assignments/m1-udp/tests/public/echo', 'echo-answers-42-c.pcapng'));
    const saved = savePcap(run);
    const read = readPcapng(fs.readFileSync(path.resolve(__dirname, '../../..', saved)));
    expect(read.ok && read.value.records.map((record) => [record.timeUs, record.comments])).toEqual([
      [0, []],
      [1_000, []],
      [2_000, ['dropped by the link: loss']],
    ]);
  });

  it('counts the packets a link damaged beside those it dropped, and marks them in the ladder', () => {
    const damaged: FailedRun = { ...run, packets: [packets[0]!, { ...packets[1]!, damage: 'byte 30 (0x1e) arrived as 0x01, sent as 0x00' }, packets[2]!] };
    const text = evidence(damaged, 'artifacts/x.pcapng');
    expect(text).toContain('(open it in Wireshark: 3 packets, 1 dropped and 1 damaged by a link: see their comments)');
    expect(text).toMatch(/1\.000 ms {3}\|<-+\| {2}damaged on the way: 10\.0\.0\.2:7 > 10\.0\.0\.1:49152: UDP, length 5$/m);
  });

  it('names the seed, the rerun command, the virtual time, the pcap, and draws the ladder', () => {
    const text = evidence(run, 'artifacts/x.pcapng');
    expect(text).toContain("seed:         99   (rerun just this: SOCKLAB_SEED=99 npx jest assignments/m1-udp/tests/public/echo.test.ts -t 'echo › answers \"42 C\"')");
    expect(text).toContain('virtual time: 2.500 ms');
    expect(text).toContain('pcap:         artifacts/x.pcapng   (open it in Wireshark: 3 packets, 1 dropped by a link: see its comment)');
    const rows = text.split('\n').filter((line) => line.includes('UDP'));
    expect(rows[0]).toMatch(/0\.000 ms {3}\|-+>\| {2}10\.0\.0\.1:49152 > 10\.0\.0\.2:7: UDP, length 5$/);
    expect(rows[1]).toMatch(/1\.000 ms {3}\|<-+\| {2}10\.0\.0\.2:7 > 10\.0\.0\.1:49152: UDP, length 5$/);
    expect(rows[2]).toMatch(/2\.000 ms {3}\|-+x +\| {2}lost \(loss\): 10\.0\.0\.1:49152 > 10\.0\.0\.2:7: UDP, length 6$/);
  });
});

describe('the evidence of a simulated run whose link drops a packet', () => {
  /** Three datagrams from a to b, the second dropped by the a→b link as a test asks; the run's evidence. */
  async function runDropping(): Promise<{ saved: string; message: string }> {
    const toy = { createKernel: createToyKernel };
    const net = twoHosts({ seed: 3, a: toy, b: toy });
    await net.a.syscall('socket', 'udp');
    net.links.ab.dropNth(2);
    for (let i = 0; i < 3; i++) await net.a.syscall('sendto', TOY_FD, new TextEncoder().encode(`reading ${i}`), { address: net.b.address, port: 9 });
    await net.sim.drain();
    const run: FailedRun = {
      // The folder the tests above write to, so that no other is made under artifacts/.
      testFile: 'assignments/m1-udp/tests/public/echo.test.ts',
      testName: 'a link drops the second datagram',
      seed: 3,
      nowUs: net.sim.nowUs,
      packets: ladderEntries(net.trace),
      sides: [
        { name: net.a.name, address: net.a.address },
        { name: net.b.name, address: net.b.address },
      ],
    };
    const saved = savePcap(run);
    return { saved: path.resolve(__dirname, '../../..', saved), message: evidence(run, saved) };
  }
  afterEach(() => fs.rmSync(path.resolve(__dirname, '../../..', artifactPath('assignments/m1-udp/tests/public/echo.test.ts', 'a link drops the second datagram')), { force: true }));

  it('writes the dropped packet once, as sent, with a comment saying the link dropped it and why', async () => {
    const { saved, message } = await runDropping();
    const read = readPcapng(fs.readFileSync(saved));
    expect(read.ok && read.value.records.map((record) => record.comments)).toEqual([[], ['dropped by the link: scripted drop (on purpose)'], []]);
    expect(message).toContain('(open it in Wireshark: 3 packets, 1 dropped by a link: see its comment)');
    expect(message).toMatch(/\|-+x +\| {2}lost \(scripted\): 10\.0\.0\.1:\d+ > 10\.0\.0\.2:9: UDP, length 9/);
  });

  const withTshark = tsharkAvailable() ? it : it.skip;
  withTshark(`tshark shows the comment as the frame's comment and finds nothing wrong${tsharkAvailable() ? '' : ` (skipped: ${TSHARK_MISSING})`}`, async () => {
    const { saved } = await runDropping();
    const frames = await tsharkFields(saved, ['frame.number', 'frame.comment']);
    expect(frames.map((frame) => frame['frame.comment'])).toEqual([undefined, ['dropped by the link: scripted drop (on purpose)'], undefined]);
    expect(await checkPcapWithTshark(saved)).toEqual([]);
  });
});
