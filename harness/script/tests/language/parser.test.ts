import fc from 'fast-check';
import { ERRNO_NUMBERS, EPOLLET, EPOLLIN } from '../../../contract';
import { checkProperty } from '../../../testkit/property';
import { TcpFlag } from '../../../wire';
import type { ScriptEvent, SyscallEvent, TcpEvent } from '../../language/ast';
import { ScriptSyntaxError } from '../../language/errors';
import { DEFAULT_OPTIONS } from '../../language/options';
import { parseScript } from '../../language/parser';

/** The one event of a one-line script. */
function only(line: string): ScriptEvent {
  const script = parseScript(line);
  expect(script.events).toHaveLength(1);
  return script.events[0]!;
}

function syscall(line: string): SyscallEvent {
  const event = only(line);
  if (event.kind !== 'syscall') throw new Error(`not a syscall: ${line}`);
  return event;
}

function tcp(line: string): TcpEvent {
  const event = only(line);
  if (event.kind !== 'tcp') throw new Error(`not a TCP line: ${line}`);
  return event;
}

/** The error a script raises. */
function syntaxError(source: string): ScriptSyntaxError {
  try {
    parseScript(source, 'bad.pkt');
  } catch (error) {
    if (error instanceof ScriptSyntaxError) return error;
    throw error;
  }
  throw new Error(`parsed without error: ${source}`);
}

describe('timing', () => {
  it.each([
    ['0 close(3) = 0', { kind: 'at', relative: false, us: 0 }],
    ['1.5 close(3) = 0', { kind: 'at', relative: false, us: 1_500_000 }],
    ['+0.1 close(3) = 0', { kind: 'at', relative: true, us: 100_000 }],
    ['+.004 close(3) = 0', { kind: 'at', relative: true, us: 4_000 }],
    ['* > udp (1)', { kind: 'any' }],
    ['0.1~0.2 > udp (1)', { kind: 'range', relative: false, fromUs: 100_000, toUs: 200_000 }],
    ['+0~+0.04 > udp (1)', { kind: 'range', relative: true, fromUs: 0, toUs: 40_000 }],
    ['+0~0.04 > udp (1)', { kind: 'range', relative: true, fromUs: 0, toUs: 40_000 }],
    ['+0...0.1 accept(3, ..., ...) = 4', { kind: 'blocking', relative: true, startUs: 0, endUs: 100_000 }],
    ['0.000001 close(3) = 0', { kind: 'at', relative: false, us: 1 }],
  ])('%s', (line, timing) => {
    expect(only(line).timing).toEqual(timing);
  });

  it('keeps the line, its text, and its text after the timing', () => {
    const event = parseScript('// header\n\n  +.1   > udp (5)   // the answer\n').events[0]!;
    expect(event.source).toEqual({ line: 3, text: '+.1   > udp (5)   // the answer', body: '> udp (5)' });
  });
});

describe('syscall lines', () => {
  it.each([
    ['socket(..., SOCK_STREAM, IPPROTO_TCP) = 3', { name: 'socket', kind: 'tcp' }],
    ['socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = 3', { name: 'socket', kind: 'udp' }],
    ['bind(3, ..., ...) = 0', { name: 'bind', fd: 3, addr: { address: '10.0.0.1', port: 8080 } }],
    ['bind(3, {sa_family=AF_INET, sin_port=htons(9), sin_addr=INADDR_ANY}, 16) = 0', { name: 'bind', fd: 3, addr: { address: '0.0.0.0', port: 9 } }],
    ['connect(3, ..., ...) = 0', { name: 'connect', fd: 3, addr: { address: '10.0.0.2', port: 5000 } }],
    ['listen(3, 1) = 0', { name: 'listen', fd: 3, backlog: 1 }],
    ['accept(3, ..., ...) = 4', { name: 'accept', fd: 3 }],
    ['read(4, ..., 1000) = 1000', { name: 'recv', fd: 4, count: 1000 }],
    ['write(4, ..., 1000) = 1000', { name: 'send', fd: 4, count: 1000 }],
    ['recv(4, ..., 10, 0) = 10', { name: 'recv', fd: 4, count: 10 }],
    ['send(4, ..., 10, 0) = 10', { name: 'send', fd: 4, count: 10 }],
    ['sendto(3, ..., 100, 0, ..., ...) = 100', { name: 'sendto', fd: 3, count: 100, to: { address: '10.0.0.2', port: 5000 } }],
    ['recvfrom(3, ..., 100, 0, ..., ...) = 100', { name: 'recvfrom', fd: 3, count: 100 }],
    ['fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0', { name: 'fcntl', fd: 3, flags: 0x802 }],
    ['fcntl(3, F_GETFL) = O_RDWR|O_NONBLOCK', { name: 'fcntl', fd: 3 }],
    ['setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0', { name: 'setsockopt', fd: 3, option: 'SO_REUSEADDR', value: 1 }],
    ['setsockopt(3, IPPROTO_TCP, TCP_CONGESTION, "cubic", 5) = 0', { name: 'setsockopt', fd: 3, option: 'TCP_CONGESTION', value: 'cubic' }],
    ['getsockopt(3, SOL_SOCKET, SO_ERROR, [ECONNREFUSED], [4]) = 0', { name: 'getsockopt', fd: 3, option: 'SO_ERROR' }],
    ['shutdown(4, SHUT_WR) = 0', { name: 'shutdown', fd: 4, how: 'wr' }],
    ['close(4) = 0', { name: 'close', fd: 4 }],
    ['poll([{fd=4, events=POLLIN, revents=POLLIN}], 1, 0) = 1', { name: 'poll', fds: [{ fd: 4, events: 1 }], timeoutMs: 0 }],
    ['epoll_create(1) = 5', { name: 'epoll_create' }],
    ['epoll_ctl(5, EPOLL_CTL_ADD, 4, {events=EPOLLIN|EPOLLET, fd=4}) = 0', { name: 'epoll_ctl', fd: 5, op: 'add', target: 4, events: (EPOLLIN | EPOLLET) >>> 0, data: 4n }],
    ['epoll_wait(5, {events=EPOLLIN, fd=4}, 1, 0) = 1', { name: 'epoll_wait', fd: 5, max: 1, timeoutMs: 0 }],
    // maxevents is any C int: a script checks that 0 and below fail with EINVAL.
    ['epoll_wait(5, [], 0, 0) = -1 EINVAL', { name: 'epoll_wait', fd: 5, max: 0, timeoutMs: 0 }],
    ['epoll_wait(5, [], -2147483648, 0) = -1 EINVAL', { name: 'epoll_wait', fd: 5, max: -2147483648, timeoutMs: 0 }],
  ])('0 %s', (line, request) => {
    expect(syscall(`0 ${line}`).request).toEqual(request);
  });

  it('reads the return value, the errno, and ignores the explanation after it', () => {
    expect(syscall('0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3').expect).toEqual({ ret: 3 });
    expect(syscall('0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)').expect).toEqual({ ret: -1, errno: 'EINPROGRESS' });
    expect(syscall("0 connect(3, ..., ...) = -1 ECONNREFUSED (it's refused)").expect).toEqual({ ret: -1, errno: 'ECONNREFUSED' });
    expect(syscall('0 fcntl(3, F_GETFL) = O_RDWR|O_NONBLOCK').expect).toEqual({ ret: 0x802 });
    expect(syscall('0 fcntl(3, F_GETFL) = 0x2 (flags O_RDWR)').expect).toEqual({ ret: 2 });
  });

  it('reads the out-values to check', () => {
    expect(syscall('0 getsockopt(3, SOL_SOCKET, SO_ERROR, [ECONNREFUSED], [4]) = 0').out).toEqual({ optval: ERRNO_NUMBERS.ECONNREFUSED });
    expect(syscall('0 getsockopt(3, SOL_SOCKET, SO_RCVBUF, [4096], [4]) = 0').out).toEqual({ optval: 4096 });
    expect(syscall('0 getsockopt(3, SOL_SOCKET, SO_RCVBUF, ..., ...) = 0').out).toEqual({});
    expect(syscall('0 poll([{fd=4, events=POLLIN|POLLOUT, revents=POLLOUT}, {fd=5, events=POLLIN}], 2, 0) = 1').out).toEqual({ revents: [4, undefined] });
    expect(syscall('0 epoll_wait(5, [{events=EPOLLIN, fd=4}, {events=EPOLLOUT, fd=6}], 2, 0) = 2').out).toEqual({
      events: [
        { events: EPOLLIN, data: { member: 'fd', value: 4n, hex: false } },
        { events: 4, data: { member: 'fd', value: 6n, hex: false } },
      ],
    });
    expect(syscall('0 recvfrom(3, ..., 9, 0, {sin_port=htons(7)}, ...) = 9').out).toEqual({ address: { port: 7 } });
  });

  it('takes what packetdrill scripts write for Linux: SOMAXCONN as a backlog, epoll_create1', () => {
    expect(syscall('0 listen(3, SOMAXCONN) = 0').request).toEqual({ name: 'listen', fd: 3, backlog: 4096 });
    expect(syscall('0 epoll_create1(0) = 4').request).toEqual({ name: 'epoll_create' });
    expect(syscall('0 epoll_create1(EPOLL_CLOEXEC) = 4').request).toEqual({ name: 'epoll_create' });
  });

  it('takes SOCK_NONBLOCK in socket and accept4, and MSG_DONTWAIT and MSG_NOSIGNAL in reads and writes', () => {
    expect(syscall('0 socket(..., SOCK_STREAM|SOCK_NONBLOCK, IPPROTO_TCP) = 3').request).toEqual({ name: 'socket', kind: 'tcp', nonblocking: true });
    expect(syscall('0 socket(..., SOCK_DGRAM|SOCK_CLOEXEC, IPPROTO_UDP) = 3').request).toEqual({ name: 'socket', kind: 'udp' });
    expect(syscall('0 accept4(3, ..., ..., SOCK_CLOEXEC|SOCK_NONBLOCK) = 4').request).toEqual({ name: 'accept', fd: 3, nonblocking: true });
    expect(syscall('0 accept4(3, ..., ..., 0) = 4').request).toEqual({ name: 'accept', fd: 3 });
    expect(syscall('0 recv(4, ..., 10, MSG_DONTWAIT) = 10').request).toEqual({ name: 'recv', fd: 4, count: 10, dontWait: true });
    expect(syscall('0 send(4, ..., 10, MSG_NOSIGNAL|MSG_DONTWAIT) = 10').request).toEqual({ name: 'send', fd: 4, count: 10, dontWait: true });
    expect(syscall('0 send(4, ..., 10, MSG_NOSIGNAL) = 10').request).toEqual({ name: 'send', fd: 4, count: 10 });
    expect(syscall('0 recvfrom(3, ..., 9, 0x40, ..., ...) = 9').request).toEqual({ name: 'recvfrom', fd: 3, count: 9, dontWait: true });
  });
});

describe('packet lines', () => {
  it('reads an inbound SYN with options', () => {
    expect(tcp('0 < S 0:0(0) win 32792 <mss 1000,sackOK,nop,nop,nop,wscale 7>')).toMatchObject({
      direction: 'in',
      flags: TcpFlag.SYN,
      seq: 0,
      length: 0,
      window: 32792,
      options: [{ kind: 'mss', value: 1000 }, { kind: 'sackPermitted' }, { kind: 'nop' }, { kind: 'nop' }, { kind: 'nop' }, { kind: 'wscale', shift: 7 }],
    });
  });

  it('reads an outbound SYN-ACK whose options are not checked, and leaves the window unchecked', () => {
    const event = tcp('0 > S. 0:0(0) ack 1 <...>');
    expect(event).toMatchObject({ direction: 'out', flags: TcpFlag.SYN | TcpFlag.ACK, ack: 1, options: 'any' });
    expect(event.window).toBeUndefined();
  });

  it('reads every flag, data ranges, timestamps, SACK blocks and eol; no options means none', () => {
    expect(tcp('0 > FSRP.UEW 1:1001(1000) ack 1 win 257').flags).toBe(0xff);
    expect(tcp('0 > P. 1:1001(1000) ack 1').options).toEqual([]);
    expect(tcp('0 < . 1:1(0) ack 1001 win 257 <nop,nop,TS val 100 ecr 7,eol>').options).toEqual([
      { kind: 'nop' },
      { kind: 'nop' },
      { kind: 'timestamp', tsval: 100, tsecr: 7 },
      { kind: 'eol' },
    ]);
    expect(tcp('0 < . 1:1(0) ack 1 <sack 1001:2001 3001:4001>').options).toEqual([
      {
        kind: 'sack',
        blocks: [
          { left: 1001, right: 2001 },
          { left: 3001, right: 4001 },
        ],
      },
    ]);
    expect(tcp('0 < R 4294967295:999(1000)')).toMatchObject({ seq: 4294967295, length: 1000 });
  });

  it('reads UDP and ICMP lines, with endpoints when given', () => {
    expect(only('0 < udp (100)')).toMatchObject({ kind: 'udp', direction: 'in', length: 100 });
    expect(only('0 > udp (0)')).toMatchObject({ kind: 'udp', direction: 'out', length: 0 });
    expect(only('0 < 10.0.0.3:5000 > 10.0.0.1:9 udp (1)')).toMatchObject({
      endpoints: { src: { address: '10.0.0.3', port: 5000 }, dst: { address: '10.0.0.1', port: 9 } },
    });
    expect(only('0 > icmp unreachable port_unreachable')).toMatchObject({ kind: 'icmp', direction: 'out', code: 3 });
    expect(only('0 < icmp unreachable host_unreachable [udp (100)]')).toMatchObject({ kind: 'icmp', code: 1, quoteUdpLength: 100 });
  });
});

describe('tcp_info assertions', () => {
  it('read comparisons joined by and, on the last TCP socket made, connected or accepted', () => {
    const script = parseScript(
      [
        '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
        '+0 %{ assert tcpi_snd_cwnd == 10 }%',
        '+0 accept(3, ..., ...) = 4',
        '+0 %{ assert tcpi_state == 1 and tcpi_rto >= 200000 and tcpi_total_retrans != 0x2 }%',
        '+0 socket(..., SOCK_DGRAM, IPPROTO_UDP) = 5',
        '+0 %{assert tcpi_snd_mss<1001}%',
      ].join('\n'),
    );
    const asserts = script.events.filter((event): event is SyscallEvent => event.kind === 'syscall' && event.request.name === 'tcp_info');
    const compare = (field: string, comparison: string, value: number) => ({ kind: 'compare', left: { field }, comparison, right: { value } });
    expect(asserts.map((event) => [event.request, event.out.tcpi])).toEqual([
      [{ name: 'tcp_info', fd: 3 }, compare('tcpi_snd_cwnd', '==', 10)],
      [{ name: 'tcp_info', fd: 4 }, { kind: 'and', operands: [compare('tcpi_state', '==', 1), compare('tcpi_rto', '>=', 200000), compare('tcpi_total_retrans', '!=', 2)] }],
      [{ name: 'tcp_info', fd: 4 }, compare('tcpi_snd_mss', '<', 1001)],
    ]);
  });
});

describe('options and comments', () => {
  it('takes options before the first event and ignores comments of both kinds', () => {
    const script = parseScript(
      ['--portable', '--tolerance_usecs=2000 // tighter', '/* a block', '   comment */', '--local_port=9', '--peer_isn=4294967295', '0 close(3) = 0 /* done */'].join('\n'),
    );
    expect(script.options).toEqual({ ...DEFAULT_OPTIONS, portable: true, toleranceUs: 2000, localPort: 9, peerIsn: 0xffffffff });
    expect(script.events).toHaveLength(1);
  });

  it('takes sysctl commands in backticks before the first event, in order, keys dotted and values unquoted', () => {
    const script = parseScript(
      ['`sysctl -q net.ipv4.tcp_sack=0 net.ipv4.tcp_timestamps=0`', '--portable', '`sysctl -w net/ipv4/tcp_rmem="4096 87380 6291456"`', '0 close(3) = 0'].join('\n'),
    );
    expect(script.options.sysctls).toEqual([
      { key: 'net.ipv4.tcp_sack', value: '0' },
      { key: 'net.ipv4.tcp_timestamps', value: '0' },
      { key: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' },
    ]);
    expect(script.options.portable).toBe(true);
  });

  it("takes packetdrill's names for the ports, and its IP version when it is IPv4", () => {
    const script = parseScript(['--ip_version=ipv4', '--bind_port=7000', '--connect_port=7001', '0 close(3) = 0'].join('\n'));
    expect(script.options).toEqual({ ...DEFAULT_OPTIONS, localPort: 7000, remotePort: 7001 });
  });
});

describe('errors carry the line and the column', () => {
  it.each([
    ['0 bind(3, ..., ... = 0', 1, 20, "expected ',' or ')' in the arguments of bind, found '='"],
    ['\n\n0 close(3 = 0', 3, 11, "expected ',' or ')' in the arguments of close"],
    ['0 socket(..., SOCK_STREAM, IPPROTO_UDP) = 3', 1, 28, 'the protocol does not match the type'],
    ['0 sockett(..., SOCK_STREAM, IPPROTO_TCP) = 3', 1, 3, 'unknown syscall sockett'],
    ['0 bind(3, ...) = 0', 1, 7, 'bind takes 3 arguments (fd, addr, addrlen), not 2'],
    ['0 close(3) = -1 EFOO', 1, 17, 'expected an errno name after -1'],
    ['0 close(3)', 1, 11, "'=' and the return value"],
    ['0 > X. 0:0(0)', 1, 5, '"X" is not a TCP flag'],
    ['0 > SS 0:0(0)', 1, 6, 'the flag S is given twice'],
    ['0 < S 0:5(0)', 1, 9, 'the end 5 is not the start 0 plus the length 0'],
    ['0 < . 1:1(0) win 5', 1, 5, "an inbound segment with the ACK flag ('.') needs ack N"],
    ['0 < S 0:0(0) <...>', 1, 15, 'an inbound segment needs its options spelled out'],
    ['0 < S 0:0(0) <mss 70000>', 1, 19, 'the MSS 70000 is out of range'],
    ['0 < S 0:0(0) win 5 win 6', 1, 20, 'expected ack N, <options> or the end of the line'],
    ['0 > S 0:0(0) <mss 1> extra', 1, 22, 'the end of the line after the options'],
    ['0 > udp 100', 1, 9, "expected '(' and the UDP payload length"],
    ['0 > icmp unreachable port_unreachable [udp (1)]', 1, 39, 'an outbound ICMP error quotes'],
    ['0 > icmp unreachable nowhere', 1, 22, 'expected the code'],
    ['0.2 close(3) = 0\n0.1 close(3) = 0', 2, 1, 'time goes backwards'],
    ['0.1~+0.2 > udp (1)', 1, 5, 'both ends of ~ count from the same time'],
    ['0.2~0.1 > udp (1)', 1, 5, '~ ends before it starts'],
    ['0.1~0.2 close(3) = 0', 1, 1, 'a syscall starts at one time'],
    ['* < udp (1)', 1, 1, 'an inbound packet is injected at one time'],
    ['0...1 > udp (1)', 1, 1, 'start...end is for blocking syscalls'],
    ['0.0000001 close(3) = 0', 1, 1, 'at most 6 decimals'],
    ['0 close(3) = 0\n--portable', 2, 1, 'options come before the first event'],
    ['--tolerance_usecs=lots', 1, 19, '--tolerance_usecs takes a whole number'],
    ['--fast', 1, 3, 'unknown option --fast'],
    ['--ip_version=ipv6', 1, 14, 'socklab stacks speak IPv4 only'],
    ['0 close(3) = 0 $', 1, 16, 'unexpected character "$"'],
    ['0 /* never closed\nclose(3) = 0', 1, 3, 'unterminated comment'],
    ['0 setsockopt(3, SOL_SOCKET, TCP_NODELAY, [1], 4) = 0', 1, 17, 'TCP_NODELAY is an option of level IPPROTO_TCP'],
    ['0 poll([{fd=4, events=POLLIN}], 2, 0) = 1', 1, 33, 'nfds must be 1'],
    ['0 epoll_ctl(5, EPOLL_CTL_ADD, 4, {events=EPOLLIN, fd=6}) = 0', 1, 34, "the event's fd must be 4"],
    ['0 bind(3, {sin_port=htons(9), sin_addr=inet_addr("10.0.0.300")}, 16) = 0', 1, 40, 'part 4 is 300'],
    ['0 read(4, buf, 10) = 10', 1, 11, 'the buffer must be ..., not buf'],
    ['`../common/defaults.sh`', 1, 1, 'socklab runs no shell command but `sysctl` of net.* settings'],
    ['`sysctl -q kernel.panic=1`', 1, 1, 'sysctl kernel.panic: only net.* settings'],
    ['`sysctl net.ipv4.tcp_sack`', 1, 1, 'a setting is key=value'],
    ['`sysctl -q`', 1, 1, 'a sysctl command sets something'],
    ['0 close(3) = 0\n`sysctl -q net.ipv4.tcp_sack=0`', 2, 1, 'sysctl commands come before the first event'],
    ['0 `sysctl -q net.ipv4.tcp_sack=0`', 1, 3, 'a sysctl command has no time'],
    ['`sysctl -q net.ipv4.tcp_sack=0', 1, 1, 'unterminated command'],
    ['0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 %{ print(tcpi_rto) }%', 2, 4, 'socklab runs no Python'],
    ['0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 %{ assert tcpi_sacked == 0 }%', 2, 4, 'tcpi_sacked is not a tcpi_ field socklab reads'],
    ['0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 %{ assert tcpi_rto >= 2 + 1 }%', 2, 4, '"+ 1" is not part of a comparison of a tcpi_ field with a whole number'],
    ['0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 %{ assert tcpi_rto and tcpi_rtt }%', 2, 4, 'is not a comparison of a tcpi_ field with a whole number'],
    ['0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 %{ assert (tcpi_rto > 1 }%', 2, 4, 'is not a comparison of a tcpi_ field with a whole number'],
    ['0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 %{ assert tcpi_rto > 1; print(tcpi_rto) }%', 2, 4, 'socklab runs no Python'],
    ['0 %{ assert tcpi_snd_cwnd == 10 }%', 1, 3, 'an assertion reads a TCP socket'],
    ['0 listen(3, SOMAXCONNN) = 0', 1, 13, 'the backlog (a number or SOMAXCONN) must be a number'],
    ['0 epoll_create1(1) = 4', 1, 17, 'the flags (0 or EPOLL_CLOEXEC) 1 is out of range'],
    ['0 socket(..., SOCK_STREAM|O_NONBLOCK, IPPROTO_TCP) = 3', 1, 27, 'a flag of the type must be one of SOCK_NONBLOCK, SOCK_CLOEXEC'],
    ['0 socket(..., SOCK_NONBLOCK|SOCK_STREAM, IPPROTO_TCP) = 3', 1, 15, 'the type must be one of SOCK_STREAM, SOCK_DGRAM'],
    ['0 accept4(3, ..., ..., 1) = 4', 1, 24, 'the flags (0, SOCK_NONBLOCK, SOCK_CLOEXEC) 1 is out of range'],
    ['0 recv(4, ..., 10, MSG_PEEK) = 10', 1, 20, 'the flags must be one of MSG_DONTWAIT, MSG_NOSIGNAL'],
    ['0 recv(4, ..., 10, 2) = 10', 1, 20, 'the flags hold 0x2, which socklab scripts do not support'],
    ['0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n0~1 %{ assert tcpi_rto > 1 }%', 2, 1, 'an assertion is checked at one time'],
    ['0 %{ assert tcpi_rto > 1', 1, 3, 'unterminated %{'],
  ])('%j → line %i, column %i', (source, line, column, message) => {
    const error = syntaxError(source);
    expect(error.position).toEqual({ line, column });
    expect(error.message).toContain(`bad.pkt, line ${line}, column ${column}: `);
    expect(error.reason).toContain(message);
  });

  it('shows the source line with a caret under the column', () => {
    expect(syntaxError('0 bind(3, ..., ... = 0').message).toBe(
      "bad.pkt, line 1, column 20: expected ',' or ')' in the arguments of bind, found '='\n     1 | 0 bind(3, ..., ... = 0\n       |                    ^",
    );
  });
});

describe('fuzzing the parser', () => {
  const VALID = [
    '--tolerance_usecs=4000',
    '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
    '+0 setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0',
    '+0 bind(3, {sin_port=htons(8080), sin_addr=inet_addr("10.0.0.1")}, 16) = 0',
    '+0 < S 0:0(0) win 32792 <mss 1000,sackOK,nop,nop,nop,wscale 7>',
    '+0 > S. 0:0(0) ack 1 <...>',
    '+.1 < . 1:1(0) ack 1 win 257 <sack 1:2, TS val 1 ecr 2>',
    '+0...0.2 accept(3, ..., ...) = 4 // blocks',
    '0.1~0.3 > P. 1:1001(1000) ack 1',
    '* > udp (100)',
    '+0 < icmp unreachable port_unreachable [udp (10)]',
    '+0 poll([{fd=4, events=POLLIN, revents=POLLIN}], 1, 0) = 1 /* c */',
    '+0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)',
  ].join('\n');

  /** Parsing either succeeds or throws a ScriptSyntaxError with a position inside the text. */
  function parsesOrFailsCleanly(source: string): boolean {
    try {
      parseScript(source);
      return true;
    } catch (error) {
      if (!(error instanceof ScriptSyntaxError)) throw error;
      return error.position.line >= 1 && error.position.column >= 1 && error.position.line <= source.split('\n').length;
    }
  }

  it('the valid sample parses', () => {
    expect(parseScript(VALID).events).toHaveLength(12);
  });

  it('edits of a valid script parse or fail with a ScriptSyntaxError', () => {
    const edit = fc.record({ at: fc.nat(VALID.length), cut: fc.nat(12), insert: fc.string({ maxLength: 12 }) });
    checkProperty(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let source = VALID;
        for (const { at, cut, insert } of edits) source = source.slice(0, at) + insert + source.slice(at + cut);
        return parsesOrFailsCleanly(source);
      }),
      { numRuns: 2000 },
    );
  });

  it('streams of script tokens parse or fail with a ScriptSyntaxError', () => {
    const token = fc.constantFrom(
      ...['0', '+', '.1', '*', '~', '...', '<', '>', 'S', 'S.', 'P.', '.', '1:1', '(0)', '(', ')', 'ack', 'win', '4294967295', '99999999999999999999'],
      ...['udp', 'icmp', 'unreachable', 'port_unreachable', '[', ']', '{', '}', '=', ',', '|', '-1', 'EAGAIN', '"x"', '10.0.0.1:80', 'mss', 'sack', 'TS'],
      ...['socket', 'bind', 'poll', 'epoll_wait', 'getsockopt', 'fcntl', 'F_SETFL', 'SO_ERROR', 'htons', 'inet_addr', '--mtu=', '\n', ' ', '//', '/*', '*/'],
    );
    checkProperty(
      fc.property(fc.array(token, { maxLength: 40 }), (tokens) => parsesOrFailsCleanly(tokens.join(' '))),
      { numRuns: 3000 },
    );
  });

  it('any text parses or fails with a ScriptSyntaxError', () => {
    checkProperty(fc.property(fc.string({ maxLength: 200 }), parsesOrFailsCleanly), { numRuns: 2000 });
  });
});
