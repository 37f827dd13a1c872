import { buildIcmp, buildTcp, buildUdp, decodePacket, quoteOriginal, TcpFlag, unwrap, type Packet, type TcpOption, type TcpPacketSpec } from '../../../wire';
import type { PacketEvent, SyscallEvent } from '../../language/ast';
import type { SyscallResult } from '../../backend';
import { Flow } from '../../runner/flow';
import { DEFAULT_OPTIONS } from '../../language/options';
import { matchOutbound } from '../../runner/packet-match';
import { parseScript } from '../../language/parser';
import { renderPacket } from '../../runner/render';
import { checkSyscall } from '../../runner/syscall-check';

const STACK_ISN = 0xfffffff0;
const PEER_ISN = 1_000;

/** The one event of a one-line script. */
function line<T extends PacketEvent | SyscallEvent>(text: string): T {
  return parseScript(`0 ${text}`).events[0] as T;
}

/** A flow whose stack ISN is known (learned from a SYN-ACK) and whose stack port is 8080. */
function flow(): Flow {
  const f = new Flow(DEFAULT_OPTIONS, PEER_ISN);
  f.bound(8080);
  const synAck = segment({ flags: TcpFlag.SYN | TcpFlag.ACK, seq: STACK_ISN, ack: PEER_ISN + 1 });
  f.learn(line<PacketEvent>('> S. 0:0(0) ack 1 <...>'), synAck);
  return f;
}

/** A segment from the stack (10.0.0.1:8080) to the harness (10.0.0.2:5000). */
function segment(fields: Partial<TcpPacketSpec>, payloadLength = 0): Packet {
  const spec: TcpPacketSpec = { src: '10.0.0.1', dst: '10.0.0.2', srcPort: 8080, dstPort: 5000, window: 1000, payload: new Uint8Array(payloadLength), ...fields };
  return unwrap(decodePacket(buildTcp(spec)));
}

const data = (fields: Partial<TcpPacketSpec> = {}, length = 10): Packet =>
  segment({ flags: TcpFlag.PSH | TcpFlag.ACK, seq: (STACK_ISN + 1) >>> 0, ack: PEER_ISN + 1, ...fields }, length);

describe('matching outbound TCP segments', () => {
  const expected = line<PacketEvent>('> P. 1:11(10) ack 1 win 1000');

  it('a segment that matches has no differences, across the sequence wraparound', () => {
    expect(matchOutbound(expected, data(), flow())).toEqual([]);
    expect(matchOutbound(line('> P. 16:26(10) ack 1'), data({ seq: 0 }), flow())).toEqual([]);
  });

  it.each<[string, Packet, string]>([
    ['flags', data({ flags: TcpFlag.ACK }), 'flags are [.], expected [P.]'],
    ['seq', data({ seq: (STACK_ISN + 5) >>> 0 }), 'seq is 5, expected 1'],
    ['length', data({}, 9), 'payload length is 9 bytes, expected 10 bytes'],
    ['ack', data({ ack: PEER_ISN + 7 }), 'ack is 7, expected 1'],
    ['window', data({ window: 999 }), 'win is 999, expected 1000'],
    ['options', data({ options: [{ kind: 'mss', value: 1460 }] }), 'options are <mss 1460>, expected <>'],
    ['source port', data({ srcPort: 8081 }), 'source port is 8081, expected 8080'],
    ['destination address', data({ dst: '10.0.0.3' }), 'destination address is 10.0.0.3, expected 10.0.0.2'],
    ['checksum', data({ checksum: 0x1234 }), 'TCP checksum 0x1234 does not verify (0x60e5 would)'],
    ['protocol', unwrap(decodePacket(buildUdp({ src: '10.0.0.1', dst: '10.0.0.2', srcPort: 8080, dstPort: 5000 }))), 'it is a UDP datagram, expected a TCP segment'],
  ])('a wrong %s is named', (_, packet, difference) => {
    expect(matchOutbound(expected, packet, flow())).toEqual([difference]);
  });

  it('what the line leaves out is not checked: ack, win, <...>', () => {
    const loose = line<PacketEvent>('> P. 1:11(10) <...>');
    expect(matchOutbound(loose, data({ ack: 5, window: 1, options: [{ kind: 'nop' }] }), flow())).toEqual([]);
  });

  it('SACK edges count from the harness ISN; outbound timestamp values are the stack\'s own', () => {
    const withOptions = line<PacketEvent>('> . 1:1(0) ack 1 <nop,nop,TS val 1 ecr 7,sack 101:201>');
    const options = (tsecr: number): TcpOption[] => [
      { kind: 'nop' },
      { kind: 'nop' },
      { kind: 'timestamp', tsval: 123456, tsecr },
      { kind: 'sack', blocks: [{ left: PEER_ISN + 101, right: PEER_ISN + 201 }] },
    ];
    const packet = segment({ flags: TcpFlag.ACK, seq: (STACK_ISN + 1) >>> 0, ack: PEER_ISN + 1, options: options(7) });
    expect(matchOutbound(withOptions, packet, flow())).toEqual([]);
    const wrongEcr = segment({ flags: TcpFlag.ACK, seq: (STACK_ISN + 1) >>> 0, ack: PEER_ISN + 1, options: options(8) });
    expect(matchOutbound(withOptions, wrongEcr, flow())).toEqual([
      'options are <nop,nop,TS val 123456 ecr 8,sack 101:201>, expected <nop,nop,TS val 123456 ecr 7,sack 101:201>',
    ]);
  });

  it('renders the actual segment as a script line, with relative numbers', () => {
    expect(renderPacket(data({ options: [{ kind: 'mss', value: 1460 }] }), flow())).toBe('> P. 1:11(10) ack 1 win 1000 <mss 1460>');
  });
});

describe('matching outbound UDP and ICMP', () => {
  const datagram = (length: number, srcPort = 8080): Packet =>
    unwrap(decodePacket(buildUdp({ src: '10.0.0.1', dst: '10.0.0.2', srcPort, dstPort: 5000, payload: new Uint8Array(length) })));

  it('checks the length and the ports of a datagram', () => {
    expect(matchOutbound(line('> udp (5)'), datagram(5), flow())).toEqual([]);
    expect(matchOutbound(line('> udp (5)'), datagram(6, 9), flow())).toEqual(['source port is 9, expected 8080', 'payload length is 6 bytes, expected 5 bytes']);
  });

  it('checks that a port unreachable quotes the datagram the harness sent, and goes back to its sender', () => {
    const f = flow();
    const sent = buildUdp({ src: '10.0.0.3', dst: '10.0.0.1', srcPort: 4000, dstPort: 9, payload: new Uint8Array(3) });
    f.lastInbound = sent;
    const unreachable = (code: number, quoted: Uint8Array, dst = '10.0.0.3'): Packet =>
      unwrap(decodePacket(buildIcmp({ src: '10.0.0.1', dst, message: { kind: 'unreachable', code, original: quoteOriginal(quoted) } })));
    const event = line<PacketEvent>('> icmp unreachable port_unreachable');
    expect(matchOutbound(event, unreachable(3, sent), f)).toEqual([]);
    expect(renderPacket(unreachable(3, sent), f)).toBe('> icmp unreachable port_unreachable');
    const other = buildUdp({ src: '10.0.0.3', dst: '10.0.0.1', srcPort: 4000, dstPort: 10 });
    expect(matchOutbound(event, unreachable(1, other, '10.0.0.2'), f)).toEqual([
      'code is 1, expected 3',
      'destination address is 10.0.0.2, expected 10.0.0.3',
      'quoted destination port is 10, expected 9',
    ]);
  });
});

describe('checking syscall results', () => {
  const ok = (ret: number, out = {}): SyscallResult => ({ ok: true, ret, out });
  const failed = (errno: string): SyscallResult => ({ ok: false, errno });

  it.each<[string, SyscallResult, string[]]>([
    ['socket(..., SOCK_STREAM, IPPROTO_TCP) = 3', ok(3), []],
    ['socket(..., SOCK_STREAM, IPPROTO_TCP) = 3', ok(4), ['socket returned fd 4, expected fd 3']],
    // A count says what it counts.
    ['recvfrom(3, ..., 100, 0, ..., ...) = 7', ok(5), ['recvfrom returned 5 bytes, expected 7 bytes']],
    ['write(4, ..., 1) = 1', failed('EAGAIN'), ['write returned -1 EAGAIN, expected 1 byte']],
    ['poll([{fd=4, events=POLLIN, revents=POLLIN}], 1, 0) = 1', ok(0, { revents: [0] }), ['poll returned 0 fds ready, expected 1 fd ready']],
    ['bind(3, ..., ...) = 0', failed('EADDRINUSE'), ['bind returned -1 EADDRINUSE, expected 0']],
    ['connect(3, ..., ...) = -1 EINPROGRESS', ok(0), ['connect returned 0, expected -1 EINPROGRESS']],
    ['connect(3, ..., ...) = -1 EINPROGRESS', failed('ECONNREFUSED'), ['connect returned -1 ECONNREFUSED, expected -1 EINPROGRESS']],
    ['getsockopt(3, SOL_SOCKET, SO_ERROR, [ECONNREFUSED], [4]) = 0', ok(0, { optval: 0 }), ["the option's value is 0, expected 111 (ECONNREFUSED)"]],
    ['getsockopt(3, IPPROTO_TCP, TCP_CONGESTION, "cubic", [6]) = 0', ok(0, { optval: 'reno' }), ['the option\'s value is "reno", expected "cubic"']],
    ['poll([{fd=4, events=POLLIN|POLLOUT, revents=POLLIN}], 1, 0) = 1', ok(1, { revents: [5] }), ['revents of entry 0 is POLLIN|POLLOUT, expected POLLIN']],
    ['epoll_wait(5, {events=EPOLLIN, fd=4}, 1, 0) = 1', ok(1, { events: [{ data: 6n, events: 1 }] }), ['the events are [{events=EPOLLIN, fd=6}], expected [{events=EPOLLIN, fd=4}]']],
    ['accept(3, {sin_port=htons(5000)}, ...) = 4', ok(4, { address: { address: '10.0.0.2', port: 5001 } }), ['the port written back is 5001, expected 5000']],
    ['accept(3, ..., ...) = 4', ok(4, { address: { address: '10.0.0.2', port: 5001 } }), []],
  ])('%s', (text, result, differences) => {
    expect(checkSyscall(line<SyscallEvent>(text), result)).toEqual(differences);
  });
});
