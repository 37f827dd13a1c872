import {
  buildIcmp,
  buildTcp,
  buildUdp,
  decodePacket,
  encodeIpv4,
  endpointKey,
  formatFlags,
  formatOption,
  formatPacket,
  isnsFromSyns,
  quoteOriginal,
  TcpFlag,
  unwrap,
} from '..';

const a = '10.0.0.1';
const b = '10.0.0.2';
const text = (s: string) => new TextEncoder().encode(s);

describe('formatPacket', () => {
  it('prints UDP as tcpdump does, with the port after a colon', () => {
    expect(formatPacket(buildUdp({ src: a, dst: b, srcPort: 49152, dstPort: 7, payload: text('hello') }))).toBe(
      '10.0.0.1:49152 > 10.0.0.2:7: UDP, length 5',
    );
  });

  it('prints a SYN with its options', () => {
    const syn = buildTcp({ src: a, dst: b, srcPort: 40000, dstPort: 80, flags: TcpFlag.SYN, seq: 0, options: [{ kind: 'mss', value: 1460 }] });
    expect(formatPacket(syn)).toBe('10.0.0.1:40000 > 10.0.0.2:80: Flags [S], seq 0, win 65535, options [mss 1460], length 0');
  });

  it('prints seq and ack relative to the ISNs it is given, and the range a data segment covers', () => {
    const isn = new Map([
      [endpointKey(a, 40000), 1000],
      [endpointKey(b, 80), 0xfffffff0],
    ]);
    const data = buildTcp({
      src: a, dst: b, srcPort: 40000, dstPort: 80, flags: TcpFlag.PSH | TcpFlag.ACK, seq: 1001, ack: 5, window: 502, payload: text('GET /'),
    });
    expect(formatPacket(data, { isn })).toBe('10.0.0.1:40000 > 10.0.0.2:80: Flags [P.], seq 1:6, ack 21, win 502, length 5');
    expect(formatPacket(data)).toBe('10.0.0.1:40000 > 10.0.0.2:80: Flags [P.], seq 1001:1006, ack 5, win 502, length 5');
    const sack = buildTcp({
      src: b, dst: a, srcPort: 80, dstPort: 40000, flags: TcpFlag.ACK, seq: 0xfffffff1, ack: 1001,
      options: [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'sack', blocks: [{ left: 2001, right: 3001 }] }],
    });
    expect(formatPacket(sack, { isn })).toBe('10.0.0.2:80 > 10.0.0.1:40000: Flags [.], seq 1, ack 1, win 65535, options [nop,nop,sack 1 {1001:2001}], length 0');
  });

  it('learns ISNs from the SYNs of a trace', () => {
    const packets = [
      buildTcp({ src: a, dst: b, srcPort: 40000, dstPort: 80, flags: TcpFlag.SYN, seq: 7 }),
      buildTcp({ src: b, dst: a, srcPort: 80, dstPort: 40000, flags: TcpFlag.SYN | TcpFlag.ACK, seq: 90, ack: 8 }),
      buildTcp({ src: a, dst: b, srcPort: 40000, dstPort: 80, flags: TcpFlag.SYN, seq: 7000 }),
      buildUdp({ src: a, dst: b, srcPort: 1, dstPort: 2 }),
    ].map((p) => unwrap(decodePacket(p)));
    expect(isnsFromSyns(packets)).toEqual(new Map([['10.0.0.1:40000', 7], ['10.0.0.2:80', 90]]));
  });

  it('prints every option kind and flag', () => {
    expect(formatFlags(TcpFlag.FIN | TcpFlag.PSH | TcpFlag.ACK)).toBe('FP.');
    expect(formatFlags(0xff)).toBe('FSRP.UEW');
    expect(formatFlags(0)).toBe('none');
    expect(formatOption({ kind: 'wscale', shift: 7 })).toBe('wscale 7');
    expect(formatOption({ kind: 'sackPermitted' })).toBe('sackOK');
    expect(formatOption({ kind: 'timestamp', tsval: 5, tsecr: 6 })).toBe('TS val 5 ecr 6');
    expect(formatOption({ kind: 'eol' })).toBe('eol');
    expect(formatOption({ kind: 30, data: Uint8Array.of(1, 0xab) })).toBe('kind-30 0x01ab');
    expect(formatOption({ kind: 2, data: new Uint8Array(0) })).toBe('kind-2');
    const urgent = buildTcp({ src: a, dst: b, srcPort: 1, dstPort: 2, flags: TcpFlag.URG | TcpFlag.RST, urgentPointer: 3 });
    expect(formatPacket(urgent)).toBe('10.0.0.1:1 > 10.0.0.2:2: Flags [RU], seq 0, win 65535, urg 3, length 0');
  });

  it('prints ICMP echo and destination unreachable as tcpdump does', () => {
    const ping = buildIcmp({ src: a, dst: b, message: { kind: 'echoRequest', id: 1, seq: 2, data: new Uint8Array(56) } });
    expect(formatPacket(ping)).toBe('10.0.0.1 > 10.0.0.2: ICMP echo request, id 1, seq 2, length 64');
    const udp = buildUdp({ src: a, dst: b, srcPort: 5000, dstPort: 7 });
    const unreachable = (code: number, nextHopMtu = 0) =>
      formatPacket(buildIcmp({ src: b, dst: a, message: { kind: 'unreachable', code, nextHopMtu, original: quoteOriginal(udp) } }));
    expect(unreachable(3)).toBe('10.0.0.2 > 10.0.0.1: ICMP 10.0.0.2 udp port 7 unreachable, length 36');
    expect(unreachable(1)).toBe('10.0.0.2 > 10.0.0.1: ICMP host 10.0.0.2 unreachable, length 36');
    expect(unreachable(4, 1400)).toBe('10.0.0.2 > 10.0.0.1: ICMP 10.0.0.2 unreachable - need to frag (mtu 1400), length 36');
    expect(unreachable(13)).toBe('10.0.0.2 > 10.0.0.1: ICMP 10.0.0.2 unreachable (code 13), length 36');
    const bad = buildIcmp({ src: b, dst: a, message: { kind: 'unreachable', code: 3, original: new Uint8Array(4) } });
    expect(formatPacket(bad)).toBe(
      '10.0.0.2 > 10.0.0.1: ICMP unreachable (code 3), quoted packet: IPv4 header needs 20 bytes, only 4 present, length 12',
    );
    const other = buildIcmp({ src: a, dst: b, message: { kind: 'other', type: 11, code: 0, rest: 0, data: new Uint8Array(0) } });
    expect(formatPacket(other)).toBe('10.0.0.1 > 10.0.0.2: ICMP type 11, code 0, length 8');
  });

  it('prints other protocols and fragments', () => {
    expect(formatPacket(encodeIpv4({ src: a, dst: b, protocol: 47 }, new Uint8Array(4)))).toBe('10.0.0.1 > 10.0.0.2: ip-proto-47, length 4');
    const fragment = encodeIpv4({ src: a, dst: b, protocol: 17, id: 9, fragmentOffset: 185, moreFragments: true }, new Uint8Array(16));
    expect(formatPacket(fragment)).toBe('10.0.0.1 > 10.0.0.2: fragment of ip-proto-17 (id 9, offset 1480, more fragments), length 16');
  });

  it('names checksums that do not verify, and why bytes do not decode', () => {
    const bad = buildUdp({ src: a, dst: b, srcPort: 1, dstPort: 7, checksum: 0x1234, ip: { checksum: 0x4321 } });
    expect(formatPacket(bad)).toBe(
      '10.0.0.1:1 > 10.0.0.2:7: UDP, length 0 [IPv4 header checksum 0x4321 does not verify (0x66cf would); UDP checksum 0x1234 does not verify (0xebd3 would)]',
    );
    expect(formatPacket(bad.subarray(0, 25))).toBe('malformed packet (25 bytes): IPv4 total length 28 exceeds the 25 bytes present');
  });

  it('accepts a decoded packet and a Buffer alike', () => {
    const bytes = buildUdp({ src: a, dst: b, srcPort: 1, dstPort: 2 });
    expect(formatPacket(unwrap(decodePacket(bytes)))).toBe(formatPacket(Buffer.from(bytes)));
  });
});
