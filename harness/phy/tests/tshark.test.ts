/**
 * tshark as an independent judge of harness/wire and the pcapng writer: packets we encode open
 * clean and read back with the field values we encoded; packets we corrupt on purpose are flagged;
 * a dropped packet's comment shows, and is not taken for a problem.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildIcmp, buildTcp, buildUdp, checksumProblems, decodePacket, encodeIpv4, quoteOriginal, TcpFlag, UnreachableCode, unwrap } from '../../wire';
import { SEED } from '../../testkit/property';
import { PcapngWriter } from '../pcapng';
import { checkPcapWithTshark, TSHARK_MISSING, tsharkAvailable, tsharkFields } from '../tshark';
import { expectedFields, pick } from './expected-fields';

const a = '10.0.0.1';
const b = '10.0.0.2';
const text = (s: string) => new TextEncoder().encode(s);

interface Case {
  readonly name: string;
  readonly packet: Uint8Array;
  /** Fields tshark must read, written by hand, beyond those derived from the harness's decode. */
  readonly fields?: Record<string, string[]>;
}

const udp = buildUdp({ src: a, dst: b, srcPort: 49152, dstPort: 7, payload: text('hello') });
const bigTcp = buildTcp({ src: a, dst: b, srcPort: 40000, dstPort: 80, seq: 77, ack: 5, flags: TcpFlag.ACK, payload: new Uint8Array(1460) });
const echo = { id: 0x1234, seq: 9, data: new Uint8Array(56).fill(0x61) };

/** Packets of every kind the harness builds, each correct. */
const CLEAN: readonly Case[] = [
  { name: 'UDP', packet: udp },
  { name: 'UDP without checksum', packet: buildUdp({ src: a, dst: b, srcPort: 1234, dstPort: 53, checksum: 0, payload: Uint8Array.of(1, 2, 3) }) },
  {
    name: 'UDP with an odd-length payload and IP options (router alert, NOPs, EOL)',
    packet: buildUdp({
      src: a, dst: b, srcPort: 5000, dstPort: 9, payload: Uint8Array.of(1, 2, 3),
      ip: { options: Uint8Array.of(148, 4, 0, 0, 1, 1, 1, 0), dontFragment: true, tos: 0x10, id: 0x1234, ttl: 1 },
    }),
    fields: { 'ip.opt.type': ['148', '1', '1', '1', '0'], 'ip.hdr_len': ['28'], 'ip.dsfield': ['0x10'], 'ip.flags.df': ['1'] },
  },
  {
    name: 'TCP SYN with MSS, SACK permitted, timestamps, NOP, window scale',
    packet: buildTcp({
      src: a, dst: b, srcPort: 40000, dstPort: 80, seq: 0xfffffff0, flags: TcpFlag.SYN, window: 64240,
      options: [
        { kind: 'mss', value: 1460 }, { kind: 'sackPermitted' }, { kind: 'timestamp', tsval: 0x01020304, tsecr: 0 },
        { kind: 'nop' }, { kind: 'wscale', shift: 7 },
      ],
    }),
    fields: { 'tcp.option_kind': ['2', '4', '8', '1', '3'], 'tcp.seq_raw': ['4294967280'], 'tcp.options.mss_val': ['1460'], 'tcp.flags': ['0x0002'] },
  },
  {
    name: 'TCP SYN-ACK with MSS and window scale (padded)',
    packet: buildTcp({
      src: b, dst: a, srcPort: 80, dstPort: 40000, seq: 9, ack: 0xfffffff1, flags: TcpFlag.SYN | TcpFlag.ACK,
      options: [{ kind: 'mss', value: 536 }, { kind: 'wscale', shift: 0 }],
    }),
    fields: { 'tcp.option_kind': ['2', '3', '0'], 'tcp.hdr_len': ['28'] },
  },
  {
    name: 'TCP ACK with timestamps, SACK blocks, an unassigned option kind and EOL',
    packet: buildTcp({
      src: b, dst: a, srcPort: 80, dstPort: 40000, seq: 10, ack: 3000, flags: TcpFlag.ACK, window: 0,
      options: [
        { kind: 'nop' }, { kind: 'nop' }, { kind: 'timestamp', tsval: 5, tsecr: 0xffffffff },
        { kind: 'sack', blocks: [{ left: 4000, right: 5000 }, { left: 6000, right: 7000 }] },
        { kind: 100, data: Uint8Array.of(0xab) }, { kind: 'eol' },
      ],
    }),
    fields: { 'tcp.option_kind': ['1', '1', '8', '5', '100', '0', '0', '0'], 'tcp.options.sack_le': ['4000', '6000'] },
  },
  {
    name: 'TCP data with FIN, PSH, URG',
    packet: buildTcp({
      src: a, dst: b, srcPort: 40000, dstPort: 80, seq: 1, ack: 10, flags: TcpFlag.FIN | TcpFlag.PSH | TcpFlag.ACK | TcpFlag.URG,
      urgentPointer: 2, payload: text('GET /'),
    }),
    fields: { 'tcp.flags': ['0x0039'], 'tcp.len': ['5'] },
  },
  { name: 'TCP RST', packet: buildTcp({ src: b, dst: a, srcPort: 80, dstPort: 40001, seq: 0, ack: 1, flags: TcpFlag.RST | TcpFlag.ACK, window: 0 }) },
  { name: 'TCP full-size segment', packet: bigTcp, fields: { 'ip.len': ['1500'] } },
  { name: 'ICMP echo request', packet: buildIcmp({ src: a, dst: b, message: { kind: 'echoRequest', ...echo } }), fields: { 'icmp.ident': ['4660'] } },
  { name: 'ICMP echo reply', packet: buildIcmp({ src: b, dst: a, message: { kind: 'echoReply', ...echo } }) },
  {
    name: 'ICMP port unreachable quoting UDP',
    packet: buildIcmp({ src: b, dst: a, message: { kind: 'unreachable', code: UnreachableCode.PORT, original: quoteOriginal(udp) } }),
    fields: { 'ip.src': [b, a], 'udp.dstport': ['7'] },
  },
  {
    name: 'ICMP fragmentation needed quoting TCP',
    packet: buildIcmp({
      src: b, dst: a,
      message: { kind: 'unreachable', code: UnreachableCode.FRAGMENTATION_NEEDED, nextHopMtu: 1400, original: quoteOriginal(bigTcp) },
    }),
    fields: { 'icmp.mtu': ['1400'], 'ip.len': ['56', '1500'] },
  },
];

/** Packets corrupted on purpose, and what tshark says about each. */
const CORRUPT: ReadonlyArray<{ name: string; packet: Uint8Array; tshark: RegExp }> = [
  { name: 'bad IPv4 header checksum', packet: buildUdp({ src: a, dst: b, srcPort: 1, dstPort: 7, ip: { checksum: 0x4321 } }), tshark: /Bad checksum/ },
  { name: 'bad UDP checksum', packet: buildUdp({ src: a, dst: b, srcPort: 1, dstPort: 7, checksum: 0x1234 }), tshark: /Bad checksum/ },
  { name: 'bad TCP checksum', packet: buildTcp({ src: a, dst: b, srcPort: 1, dstPort: 7, flags: TcpFlag.SYN, checksum: 0x1234 }), tshark: /Bad checksum/ },
  {
    name: 'bad ICMP checksum',
    packet: buildIcmp({ src: a, dst: b, message: { kind: 'echoRequest', id: 1, seq: 1, data: new Uint8Array(0) }, checksum: 7 }),
    tshark: /Bad checksum/,
  },
  {
    name: 'truncated TCP header',
    packet: encodeIpv4({ src: a, dst: b, protocol: 6 }, buildTcp({ src: a, dst: b, srcPort: 1, dstPort: 7 }).subarray(20, 32)),
    tshark: /Malformed Packet/,
  },
  { name: 'TCP data offset below 5', packet: buildTcp({ src: a, dst: b, srcPort: 1, dstPort: 7, dataOffset: 4 }), tshark: /Bogus TCP header length/ },
  { name: 'UDP length beyond the IP payload', packet: buildUdp({ src: a, dst: b, srcPort: 1, dstPort: 7, length: 30 }), tshark: /Bad length value 30/ },
  {
    name: 'IPv4 total length beyond the packet',
    packet: buildUdp({ src: a, dst: b, srcPort: 1, dstPort: 7, ip: { totalLength: 60 } }),
    tshark: /IPv4 total length exceeds packet length/,
  },
];

const port = () => fc.integer({ min: 1, max: 65535 });
const u32 = () => fc.nat({ max: 0xffffffff });

/** Seeded random packets of the common kinds, for breadth. */
const RANDOM: readonly Uint8Array[] = fc.sample(
  fc.oneof(
    fc.record({ src: fc.ipV4(), dst: fc.ipV4(), srcPort: port(), dstPort: port(), payload: fc.uint8Array({ maxLength: 300 }) }).map(buildUdp),
    fc
      .record({
        src: fc.ipV4(), dst: fc.ipV4(), srcPort: port(), dstPort: port(), seq: u32(), ack: u32(),
        window: fc.nat({ max: 65535 }), payload: fc.uint8Array({ maxLength: 300 }), tsval: u32(),
      })
      .map(({ tsval, ...s }) =>
        buildTcp({ ...s, flags: TcpFlag.ACK | TcpFlag.PSH, options: [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'timestamp', tsval, tsecr: 1 }] }),
      ),
    fc
      .record({ src: fc.ipV4(), dst: fc.ipV4(), id: fc.nat({ max: 65535 }), seq: fc.nat({ max: 65535 }), data: fc.uint8Array({ maxLength: 100 }) })
      .map(({ src, dst, ...m }) => buildIcmp({ src, dst, message: { kind: 'echoRequest', ...m } })),
  ),
  { seed: SEED, numRuns: 60 },
);

/** Writes `packets` 1 ms apart to `dir/name`, with the comments given by packet index. */
function writePcapng(dir: string, name: string, packets: readonly Uint8Array[], comments: Readonly<Record<number, string>> = {}): string {
  const writer = new PcapngWriter();
  packets.forEach((packet, i) => writer.add(i * 1000, packet, comments[i]));
  const path = join(dir, name);
  writeFileSync(path, writer.toBuffer());
  return path;
}

// Wireshark's expert severity of a packet comment (epan/proto.h: PI_COMMENT), below PI_WARN.
const PI_COMMENT = 0x00100000;

if (!tsharkAvailable()) console.warn(`tshark tests skipped: ${TSHARK_MISSING}`);
const SUITE = 'tshark reads the pcapng files the harness writes';
const withTshark = tsharkAvailable() ? describe : describe.skip;

withTshark(tsharkAvailable() ? SUITE : `${SUITE} (skipped: ${TSHARK_MISSING})`, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'socklab-tshark-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds no problem in packets of every kind, and reads the fields we encoded', async () => {
    const cases: Case[] = [...CLEAN, ...RANDOM.map((packet, i) => ({ name: `random packet ${i} (seed ${SEED})`, packet }))];
    const path = writePcapng(dir, 'clean.pcapng', cases.map((c) => c.packet));
    expect(await checkPcapWithTshark(path)).toEqual([]);

    const decoded = cases.map((c) => unwrap(decodePacket(c.packet)));
    const expected = cases.map((c, i) => ({ ...expectedFields(decoded[i]!), ...c.fields }));
    expect(decoded.flatMap(checksumProblems)).toEqual([]);
    const names = [...new Set(expected.flatMap((e) => Object.keys(e)))];
    const frames = await tsharkFields(path, names);
    expect(frames).toHaveLength(cases.length);
    cases.forEach((c, i) => {
      expect({ packet: c.name, ...pick(frames[i]!, expected[i]!) }).toEqual({ packet: c.name, ...expected[i] });
    });
  });

  it('flags every packet corrupted on purpose, as the harness decoder does', async () => {
    const path = writePcapng(dir, 'corrupt.pcapng', CORRUPT.map((c) => c.packet));
    const problems = await checkPcapWithTshark(path);
    CORRUPT.forEach((c, i) => {
      const messages = problems.filter((p) => p.frame === i + 1).map((p) => p.message);
      expect({ packet: c.name, flagged: messages.some((m) => c.tshark.test(m)), messages }).toMatchObject({ packet: c.name, flagged: true });
      const ours = decodePacket(c.packet);
      expect({ packet: c.name, flaggedByHarness: !ours.ok || checksumProblems(ours.value).length > 0 }).toEqual({ packet: c.name, flaggedByHarness: true });
    });
    expect(problems.every((p) => p.frame >= 1 && p.frame <= CORRUPT.length)).toBe(true);
  });

  it("shows a dropped packet's comment as the frame's comment, of expert severity Comment: no problem", async () => {
    const comment = 'dropped by the link: loss';
    const path = writePcapng(dir, 'dropped.pcapng', [udp, bigTcp, udp], { 1: comment });
    const frames = await tsharkFields(path, ['frame.number', 'frame.comment', '_ws.expert.message', '_ws.expert.severity']);
    expect(frames.map((frame) => frame['frame.comment'])).toEqual([undefined, [comment], undefined]);
    expect(frames[1]).toMatchObject({ '_ws.expert.message': [comment], '_ws.expert.severity': [String(PI_COMMENT)] });
    expect(await checkPcapWithTshark(path)).toEqual([]);
  });

  it('says which file it could not read', async () => {
    await expect(checkPcapWithTshark(join(dir, 'missing.pcapng'))).rejects.toThrow(/tshark .*missing\.pcapng.* failed with exit code [1-9]/);
  });
});

describe('tsharkAvailable', () => {
  it('looks for tshark on PATH', () => {
    const path = process.env.PATH;
    try {
      process.env.PATH = '';
      expect(tsharkAvailable()).toBe(false);
    } finally {
      process.env.PATH = path;
    }
  });
});
