import { buildIcmp, buildUdp, encodeIpv4, IPPROTO_UDP, quoteOriginal, UnreachableCode } from '../../wire';
import { expectNothing, expectUdp, expectUnreachable } from '../expect-packet';

const hi = new TextEncoder().encode('hi!');
const datagram = buildUdp({ src: '10.0.0.1', dst: '10.0.0.2', srcPort: 7, dstPort: 5000, payload: hi });
const arrival = (packet: Uint8Array) => ({ timeUs: 0, packet });

describe('packet expectations', () => {
  it('accept a matching datagram and return it decoded', () => {
    const decoded = expectUdp(arrival(datagram), { src: '10.0.0.1', srcPort: 7, dstPort: 5000, payload: 'hi!' });
    expect(decoded.udp.header.srcPort).toBe(7);
  });

  it('show the expected and the actual packet, and each difference, the first on the first line', () => {
    expect(() => expectUdp(arrival(datagram), { srcPort: 7, dstPort: 5000, payload: 'hi' })).toThrow(
      [
        'expected a UDP datagram from the stack: payload is "hi!" (3 bytes), expected "hi" (2 bytes)',
        '  expected: *:7 > *:5000: UDP, payload "hi" (2 bytes)',
        '  actual:   10.0.0.1:7 > 10.0.0.2:5000: UDP, length 3',
        '  differs:  payload is "hi!" (3 bytes), expected "hi" (2 bytes)',
      ].join('\n'),
    );
  });

  it('always check checksums, and say when nothing or garbage arrived', () => {
    const bad = buildUdp({ src: '10.0.0.1', dst: '10.0.0.2', srcPort: 7, dstPort: 5000, payload: hi, checksum: 0x1234 });
    expect(() => expectUdp(arrival(bad), {})).toThrow(/UDP checksum 0x1234 does not verify \(0x[0-9a-f]{4} would\)/);
    expect(() => expectUdp(arrival(bad), { dstPort: 5001 })).toThrow(/^expected a UDP datagram from the stack: destination port is 5000, expected 5001 \(and 1 more\)\n/);
    expect(() => expectUdp(undefined, {})).toThrow('actual:   nothing arrived');
    expect(() => expectUdp(arrival(new Uint8Array(3)), {})).toThrow('malformed packet (3 bytes)');
    expect(() => expectNothing(arrival(datagram), 'the port is closed')).toThrow('expected no packet (the port is closed)');
    expect(() => expectNothing(undefined, 'quiet')).not.toThrow();
  });

  it('check an ICMP port unreachable and the ports of the datagram it quotes', () => {
    const original = buildUdp({ src: '10.0.0.2', dst: '10.0.0.1', srcPort: 5000, dstPort: 9, payload: hi });
    const icmp = buildIcmp({ src: '10.0.0.1', dst: '10.0.0.2', message: { kind: 'unreachable', code: UnreachableCode.PORT, original: quoteOriginal(original) } });
    expect(() => expectUnreachable(arrival(icmp), { code: 3, quotedPorts: { src: 5000, dst: 9 } })).not.toThrow();
    expect(() => expectUnreachable(arrival(icmp), { code: 3, quotedPorts: { src: 5000, dst: 10 } })).toThrow('quoted destination port is 9, expected 10');
    expect(() => expectUnreachable(arrival(datagram), { code: 3 })).toThrow('it is not ICMP type 3');
    const notUdp = encodeIpv4({ src: '10.0.0.1', dst: '10.0.0.2', protocol: IPPROTO_UDP + 1 });
    expect(() => expectUdp(arrival(notUdp), {})).toThrow('it is not UDP');
  });
});
