import fc from 'fast-check';
import {
  buildIcmp,
  buildTcp,
  buildUdp,
  checksumProblems,
  decodePacket,
  encodeIpv4,
  formatPacket,
  quoteOriginal,
  TcpFlag,
  unwrap,
} from '..';
import { address, bytes, icmpMessage, tcpOptions, u16, u32 } from './arbitraries';
import { checkProperty } from '../../testkit/property';

const hexBytes = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));

// A DNS query for example.com A from 192.168.1.10:53000 to 8.8.8.8:53, laid out by hand.
// UDP checksum: the 16-bit words of pseudo-header (c0a8 010a 0808 0808 0011 0025) and datagram
// (cf08 0035 0025 0000 1a2b 0100 0001 0000 0000 0000 0765 7861 6d70 6c65 0363 6f6d 0000 0100 0100,
// the last byte padded) sum to 0x38af1; folded 0x8af1 + 3 = 0x8af4; complemented 0x750b.
// IP checksum: 4500 0039 1c46 4000 4011 0000 c0a8 010a 0808 0808 sum to 0x1b352; folded 0xb353;
// complemented 0x4cac.
const DNS_QUERY = hexBytes(`
  4500 0039 1c46 4000 4011 4cac c0a8 010a 0808 0808
  cf08 0035 0025 750b
  1a2b 0100 0001 0000 0000 0000 0765 7861 6d70 6c65 0363 6f6d 0000 0100 01`);

// A Linux-style SYN from 10.0.0.1:40000 to 10.0.0.2:80, seq 0x5e3f1c2a, win 64240, options
// mss 1460, sackOK, TS val 0xa1b2c3 ecr 0, nop, wscale 7.
// TCP checksum: pseudo-header 0a00 0001 0a00 0002 0006 0028 and segment words (checksum 0) sum
// to 0x3914e; folded 0x914e + 3 = 0x9151; complemented 0x6eae.
// IP checksum: 4500 003c 0000 4000 4006 0000 0a00 0001 0a00 0002 sum to 0xd945; complemented 0x26ba.
const SYN = hexBytes(`
  4500 003c 0000 4000 4006 26ba 0a00 0001 0a00 0002
  9c40 0050 5e3f 1c2a 0000 0000 a002 faf0 6eae 0000
  0204 05b4 0402 080a 00a1 b2c3 0000 0000 0103 0307`);

describe('decodePacket on hand-made captures', () => {
  it('decodes the DNS query, with both checksums verifying', () => {
    const p = unwrap(decodePacket(DNS_QUERY));
    expect(p.ip.header).toMatchObject({ src: '192.168.1.10', dst: '8.8.8.8', ttl: 64, id: 0x1c46, dontFragment: true, checksum: 0x4cac });
    expect(p.kind).toBe('udp');
    if (p.kind !== 'udp') return;
    expect(p.udp.header).toEqual({ srcPort: 53000, dstPort: 53, length: 37, checksum: 0x750b });
    expect(Buffer.from(p.udp.payload.subarray(13, 24)).toString('latin1')).toBe('example\x03com');
    expect(checksumProblems(p)).toEqual([]);
  });

  it('decodes the SYN, with both checksums verifying', () => {
    const p = unwrap(decodePacket(SYN));
    expect(p.kind).toBe('tcp');
    if (p.kind !== 'tcp') return;
    expect(p.tcp.header).toMatchObject({ srcPort: 40000, dstPort: 80, seq: 0x5e3f1c2a, flags: TcpFlag.SYN, window: 64240, checksum: 0x6eae });
    expect(p.tcp.header.options).toEqual([
      { kind: 'mss', value: 1460 },
      { kind: 'sackPermitted' },
      { kind: 'timestamp', tsval: 0xa1b2c3, tsecr: 0 },
      { kind: 'nop' },
      { kind: 'wscale', shift: 7 },
    ]);
    expect(checksumProblems(p)).toEqual([]);
  });

  it('builds the same bytes from the fields', () => {
    const dnsPayload = DNS_QUERY.subarray(28);
    expect(
      buildUdp({ src: '192.168.1.10', dst: '8.8.8.8', srcPort: 53000, dstPort: 53, payload: dnsPayload, ip: { id: 0x1c46, dontFragment: true } }),
    ).toEqual(DNS_QUERY);
    const options = [
      { kind: 'mss', value: 1460 },
      { kind: 'sackPermitted' },
      { kind: 'timestamp', tsval: 0xa1b2c3, tsecr: 0 },
      { kind: 'nop' },
      { kind: 'wscale', shift: 7 },
    ] as const;
    const syn = { srcPort: 40000, dstPort: 80, seq: 0x5e3f1c2a, flags: TcpFlag.SYN, window: 64240, options };
    expect(buildTcp({ src: '10.0.0.1', dst: '10.0.0.2', ...syn, ip: { dontFragment: true } })).toEqual(SYN);
  });
});

describe('build and decode whole packets', () => {
  it('round-trips UDP, TCP and ICMP packets with every checksum verifying', () => {
    const common = { src: address(), dst: address(), ttl: fc.integer({ min: 1, max: 255 }) };
    const spec = fc.oneof(
      fc.record({ ...common, srcPort: u16(), dstPort: u16(), payload: bytes(100) }).map((s) => ({ bytes: buildUdp({ ...s, ip: { ttl: s.ttl } }), kind: 'udp' })),
      fc
        .record({ ...common, srcPort: u16(), dstPort: u16(), seq: u32(), ack: u32(), flags: fc.integer({ min: 0, max: 255 }), options: tcpOptions(), payload: bytes(100) })
        .map((s) => ({ bytes: buildTcp({ ...s, ip: { ttl: s.ttl } }), kind: 'tcp' })),
      fc.record({ ...common, message: icmpMessage() }).map((s) => ({ bytes: buildIcmp({ ...s, ip: { ttl: s.ttl } }), kind: 'icmp' })),
    );
    checkProperty(
      fc.property(spec, ({ bytes, kind }) => {
        const p = unwrap(decodePacket(bytes));
        expect(p.kind).toBe(kind);
        expect(checksumProblems(p)).toEqual([]);
      }),
    );
  });

  it('names every checksum that does not verify, with the value that would have', () => {
    const base = { src: '10.0.0.1', dst: '10.0.0.2', srcPort: 1, dstPort: 2 };
    const right = (packet: Uint8Array, ipOffset: number, transportOffset?: number): string[] => {
      const hexAt = (offset: number): string => `0x${((packet[offset]! << 8) | packet[offset + 1]!).toString(16).padStart(4, '0')}`;
      return [hexAt(ipOffset), ...(transportOffset === undefined ? [] : [hexAt(20 + transportOffset)])];
    };
    const [ip, tcp] = right(buildTcp(base), 10, 16);
    const p = unwrap(decodePacket(buildTcp({ ...base, checksum: 0x1234, ip: { checksum: 0x4321 } })));
    expect(checksumProblems(p)).toEqual([`IPv4 header checksum 0x4321 does not verify (${ip} would)`, `TCP checksum 0x1234 does not verify (${tcp} would)`]);
    const [, udp] = right(buildUdp(base), 10, 6);
    const u = unwrap(decodePacket(buildUdp({ ...base, checksum: 0xbeef })));
    expect(checksumProblems(u)).toEqual([`UDP checksum 0xbeef does not verify (${udp} would)`]);
    const message = { kind: 'echoReply', id: 1, seq: 1, data: new Uint8Array(0) } as const;
    const [, icmp] = right(buildIcmp({ src: '10.0.0.1', dst: '10.0.0.2', message }), 10, 2);
    expect(checksumProblems(unwrap(decodePacket(buildIcmp({ src: '10.0.0.1', dst: '10.0.0.2', message, checksum: 5 }))))).toEqual([
      `ICMP checksum 0x0005 does not verify (${icmp} would)`,
    ]);
  });

  it('the value a problem names verifies when put in the field, whatever the packet', () => {
    /** The value the problem about `layer`'s checksum names; undefined when that checksum verifies. */
    const named = (packet: Uint8Array, layer: string): number | undefined => {
      const problem = checksumProblems(unwrap(decodePacket(packet))).find((p) => p.startsWith(`${layer} checksum`));
      return problem === undefined ? undefined : Number(/\((0x[0-9a-f]{4}) would\)$/.exec(problem)?.[1]);
    };
    checkProperty(
      fc.property(address(), address(), u16(), u16(), bytes(100), u16(), u16(), (src, dst, srcPort, dstPort, payload, bad, badIp) => {
        const good = { src, dst, srcPort, dstPort, payload };
        const udp = buildUdp({ ...good, checksum: bad, ip: { checksum: badIp } });
        const fixedUdp = buildUdp({ ...good, checksum: named(udp, 'UDP') ?? bad, ip: { checksum: named(udp, 'IPv4 header') ?? badIp } });
        expect(checksumProblems(unwrap(decodePacket(fixedUdp)))).toEqual([]);
        const tcp = buildTcp({ ...good, checksum: bad, ip: { checksum: badIp } });
        const fixedTcp = buildTcp({ ...good, checksum: named(tcp, 'TCP') ?? bad, ip: { checksum: named(tcp, 'IPv4 header') ?? badIp } });
        expect(checksumProblems(unwrap(decodePacket(fixedTcp)))).toEqual([]);
      }),
    );
  });

  it('does not decode the transport of a fragment or of an unknown protocol', () => {
    const fragment = buildUdp({ src: '10.0.0.1', dst: '10.0.0.2', srcPort: 1, dstPort: 2, ip: { moreFragments: true } });
    expect(unwrap(decodePacket(fragment)).kind).toBe('unknown');
    const gre = encodeIpv4({ src: '10.0.0.1', dst: '10.0.0.2', protocol: 47 }, Uint8Array.of(1, 2));
    expect(unwrap(decodePacket(gre))).toMatchObject({ kind: 'unknown', ip: { payload: Uint8Array.of(1, 2) } });
  });

  it('explains a transport that does not decode', () => {
    const truncated = encodeIpv4({ src: '10.0.0.1', dst: '10.0.0.2', protocol: 6 }, new Uint8Array(12));
    expect(decodePacket(truncated)).toEqual({ ok: false, reason: 'TCP header needs 20 bytes, only 12 present' });
  });
});

describe('decoding and printing never throw', () => {
  const valid = fc.oneof(
    fc.constant(DNS_QUERY),
    fc.constant(SYN),
    fc.constant(buildIcmp({ src: '10.0.0.2', dst: '10.0.0.1', message: { kind: 'unreachable', code: 3, original: quoteOriginal(DNS_QUERY) } })),
  );
  // A decode result with a reason when it fails, and a printable line either way.
  const survives = (bytes: Uint8Array) => {
    const decoded = decodePacket(bytes);
    return (decoded.ok || decoded.reason.length > 0) && formatPacket(bytes).length > 0;
  };

  it('on arbitrary bytes', () => {
    checkProperty(fc.property(bytes(120), (bytes) => expect(survives(bytes)).toBe(true)), { numRuns: 2000 });
  });

  it('on arbitrary bytes that start like an IPv4 header', () => {
    const ipish = fc.tuple(fc.integer({ min: 5, max: 15 }), u16(), fc.constantFrom(1, 6, 17), bytes(100)).map(([ihl, len, proto, rest]) => {
      return Uint8Array.of(0x40 | ihl, 0, len >> 8, len & 0xff, 0, 0, 0, 0, 64, proto, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2, ...rest);
    });
    checkProperty(fc.property(ipish, (bytes) => expect(survives(bytes)).toBe(true)), { numRuns: 2000 });
  });

  it('on valid packets with bytes changed, cut or appended', () => {
    const mutation = fc.record({ at: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), cut: fc.nat(), extra: bytes(8) });
    checkProperty(
      fc.property(valid, mutation, (packet, { at, cut, extra }) => {
        const mutated = packet.slice();
        for (const [i, v] of at) mutated[i % mutated.length] = v;
        const cutAt = cut % (mutated.length + 1);
        expect(survives(mutated)).toBe(true);
        expect(survives(mutated.subarray(0, cutAt))).toBe(true);
        expect(survives(Uint8Array.of(...mutated, ...extra))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
