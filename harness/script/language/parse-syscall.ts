/**
 * Syscall lines: `name(arguments) = RET` or `= -1 ERRNO [(text)]`. Each syscall's arguments are
 * read for their meaning here, so that a script with a wrong argument fails before it runs, at
 * that argument. `...` as an address is the script's default: the local address for bind, the
 * remote one for connect and sendto; elsewhere it means "don't check" (a buffer, an out-value).
 */
import { isErrno, type SockAddr, type SocketOption } from '../../contract';
import { readEllipsis, readErrnoValue, readFd, readFlags, readInt, readName, readSockAddr, readSockAddrFields, readStruct, unbracket, wrong } from './arg-readers';
import type { OutExpectation, ReturnExpectation } from './ast';
import type { SyscallRequest } from '../backend';
import { expectedEvents, readEpollEvent, readEventList } from './epoll-event';
import { ScriptSyntaxError } from './errors';
import { parseExpr, parseList, type Expr } from './expr';
import type { Lexer, Token } from './lexer';
import { EPOLL_OPS, FCNTL_COMMANDS, LEVELS, MSG_DONTWAIT, MSG_FLAGS, O_FLAGS, POLL_BITS, SHUTDOWN_HOW, SOCK_FLAGS, SOCK_NONBLOCK, SOCKET_OPTIONS } from './names';
import type { ScriptOptions } from './options';
import { isPunct, takePunct, unexpected } from './read';

/** The most bytes one read or write line may move (keeps a typo from allocating gigabytes). */
const MAX_COUNT = 16 * 1024 * 1024;

interface Read {
  readonly request: SyscallRequest;
  /** What the call must write back; a function of the line's return where that decides it (epoll_wait). */
  readonly out?: OutExpectation | ((expect: ReturnExpectation) => OutExpectation);
}

interface Spec {
  /** Parameter names, for "bind takes 3 arguments (fd, addr, addrlen)". */
  readonly params: readonly string[];
  readonly read: (a: readonly Expr[], defaults: { readonly local: SockAddr; readonly remote: SockAddr }) => Read;
}

/** fd, `...` (the buffer), count, and flags if given: what every read and write line has. */
function transfer(a: readonly Expr[]): { fd: number; count: number; dontWait?: true } {
  readEllipsis(a[1]!, 'the buffer');
  const flags = a[3] ? readFlags(a[3], MSG_FLAGS, 'the flags') : 0;
  const unknown = flags & ~Object.values(MSG_FLAGS).reduce((all, flag) => all | flag);
  if (unknown !== 0) throw new ScriptSyntaxError(`the flags hold 0x${unknown.toString(16)}, which socklab scripts do not support (they take ${Object.keys(MSG_FLAGS).join(', ')})`, a[3]!);
  return { fd: readFd(a[0]!), count: readInt(a[2]!, 'the byte count', 0, MAX_COUNT), ...((flags & MSG_DONTWAIT) !== 0 ? { dontWait: true } : {}) };
}

/** Whether `flags` (of socket's type or accept4) ask for SOCK_NONBLOCK; refuses any flag but it and SOCK_CLOEXEC. */
function sockNonblock(flags: readonly Expr[], what: string): { nonblocking?: true } {
  let mask = 0;
  for (const flag of flags) mask |= readName(flag, SOCK_FLAGS, what);
  return (mask & SOCK_NONBLOCK) !== 0 ? { nonblocking: true } : {};
}

function socketKind(a: readonly Expr[]): Read {
  if (a[0]!.kind !== 'ellipsis') readName(a[0]!, { AF_INET: 0 }, 'the domain');
  // The type, with the flags Linux takes in it: SOCK_STREAM|SOCK_NONBLOCK.
  const [type, ...flags] = a[1]!.kind === 'or' ? a[1]!.parts : [a[1]!];
  const kind = readName(type!, { SOCK_STREAM: 'tcp', SOCK_DGRAM: 'udp' } as const, 'the type');
  // 0 (IPPROTO_IP) asks for the type's usual protocol.
  const zero = a[2]!.kind === 'number' && a[2]!.value === 0n;
  const protocol = zero ? kind : readName(a[2]!, { IPPROTO_TCP: 'tcp', IPPROTO_UDP: 'udp', IPPROTO_IP: kind }, 'the protocol');
  if (protocol !== kind) throw new ScriptSyntaxError(`the protocol does not match the type: ${kind.toUpperCase()} goes with IPPROTO_${kind.toUpperCase()}`, a[2]!);
  return { request: { name: 'socket', kind, ...sockNonblock(flags, 'a flag of the type') } };
}

/** accept4's flags: 0, or SOCK_NONBLOCK and SOCK_CLOEXEC or-ed. */
function acceptFlags(e: Expr): { nonblocking?: true } {
  if (e.kind === 'number') {
    readInt(e, 'the flags (0, SOCK_NONBLOCK, SOCK_CLOEXEC)', 0, 0);
    return {};
  }
  return sockNonblock(e.kind === 'or' ? e.parts : [e], 'the flags');
}

const OPTION_NAMES = Object.fromEntries(Object.keys(SOCKET_OPTIONS).map((name) => [name, name])) as Record<string, SocketOption>;

function option(a: readonly Expr[]): { fd: number; option: SocketOption } {
  const level = readName(a[1]!, LEVELS, 'the level');
  const name = readName(a[2]!, OPTION_NAMES, 'the option');
  if (SOCKET_OPTIONS[name].level !== level) throw new ScriptSyntaxError(`${name} is an option of level ${SOCKET_OPTIONS[name].level}`, a[1]!);
  return { fd: readFd(a[0]!), option: name };
}

function optionValue(e: Expr, name: SocketOption): number | string {
  const value = unbracket(e, 'the option value');
  if (SOCKET_OPTIONS[name].value === 'string') {
    if (value.kind !== 'string') throw wrong(value, 'the option value', 'a string');
    return value.value;
  }
  return name === 'SO_ERROR' ? readErrnoValue(value, 'the option value') : readInt(value, 'the option value');
}

function pollFds(e: Expr): { fds: { fd: number; events: number }[]; revents: (number | undefined)[] } {
  if (e.kind !== 'list') throw wrong(e, 'the fds', 'a list [{fd=..., events=..., revents=...}]');
  const entries = e.items.map((item) => {
    const f = readStruct(item, 'a pollfd', ['fd', 'events', 'revents']);
    const need = (name: string): Expr => {
      const value = f.get(name);
      if (!value) throw new ScriptSyntaxError(`a pollfd needs ${name}=...`, item);
      return value;
    };
    const revents = f.get('revents');
    return {
      fd: readFd(need('fd')),
      events: readFlags(need('events'), POLL_BITS, 'events'),
      revents: revents === undefined ? undefined : readFlags(revents, POLL_BITS, 'revents'),
    };
  });
  return { fds: entries.map(({ fd, events }) => ({ fd, events })), revents: entries.map((entry) => entry.revents) };
}

/** Linux's SOMAXCONN since 5.4, the cap listen() puts on any backlog. */
const SOMAXCONN = 4096;

/** listen()'s backlog: a number, or SOMAXCONN as packetdrill scripts often write it. */
function backlog(e: Expr): number {
  return e.kind === 'name' && e.name === 'SOMAXCONN' ? SOMAXCONN : readInt(e, 'the backlog (a number or SOMAXCONN)');
}

const SPECS: Readonly<Record<string, Spec>> = {
  socket: { params: ['domain', 'type', 'protocol'], read: socketKind },
  bind: { params: ['fd', 'addr', 'addrlen'], read: (a, d) => ({ request: { name: 'bind', fd: readFd(a[0]!), addr: readSockAddr(a[1]!, 'the address', d.local) } }) },
  connect: { params: ['fd', 'addr', 'addrlen'], read: (a, d) => ({ request: { name: 'connect', fd: readFd(a[0]!), addr: readSockAddr(a[1]!, 'the address', d.remote) } }) },
  listen: { params: ['fd', 'backlog'], read: (a) => ({ request: { name: 'listen', fd: readFd(a[0]!), backlog: backlog(a[1]!) } }) },
  accept: {
    params: ['fd', 'addr', 'addrlen'],
    read: (a) => ({ request: { name: 'accept', fd: readFd(a[0]!) }, out: { address: readSockAddrFields(a[1]!, 'the peer address') } }),
  },
  accept4: {
    params: ['fd', 'addr', 'addrlen', 'flags'],
    read: (a) => ({
      request: { name: 'accept', fd: readFd(a[0]!), ...acceptFlags(a[3]!) },
      out: { address: readSockAddrFields(a[1]!, 'the peer address') },
    }),
  },
  read: { params: ['fd', 'buf', 'count'], read: (a) => ({ request: { name: 'recv', ...transfer(a) } }) },
  write: { params: ['fd', 'buf', 'count'], read: (a) => ({ request: { name: 'send', ...transfer(a) } }) },
  recv: { params: ['fd', 'buf', 'len', 'flags'], read: (a) => ({ request: { name: 'recv', ...transfer(a) } }) },
  send: { params: ['fd', 'buf', 'len', 'flags'], read: (a) => ({ request: { name: 'send', ...transfer(a) } }) },
  sendto: {
    params: ['fd', 'buf', 'len', 'flags', 'dest_addr', 'addrlen'],
    read: (a, d) => ({ request: { name: 'sendto', ...transfer(a), to: readSockAddr(a[4]!, 'the destination', d.remote) } }),
  },
  recvfrom: {
    params: ['fd', 'buf', 'len', 'flags', 'src_addr', 'addrlen'],
    read: (a) => ({ request: { name: 'recvfrom', ...transfer(a) }, out: { address: readSockAddrFields(a[4]!, 'the sender') } }),
  },
  setsockopt: {
    params: ['fd', 'level', 'optname', 'optval', 'optlen'],
    read: (a) => {
      const { fd, option: name } = option(a);
      return { request: { name: 'setsockopt', fd, option: name, value: optionValue(a[3]!, name) } };
    },
  },
  getsockopt: {
    params: ['fd', 'level', 'optname', 'optval', 'optlen'],
    read: (a) => {
      const { fd, option: name } = option(a);
      return { request: { name: 'getsockopt', fd, option: name }, out: a[3]!.kind === 'ellipsis' ? {} : { optval: optionValue(a[3]!, name) } };
    },
  },
  shutdown: { params: ['fd', 'how'], read: (a) => ({ request: { name: 'shutdown', fd: readFd(a[0]!), how: readName(a[1]!, SHUTDOWN_HOW, 'how') } }) },
  close: { params: ['fd'], read: (a) => ({ request: { name: 'close', fd: readFd(a[0]!) } }) },
  poll: {
    params: ['fds', 'nfds', 'timeout'],
    read: (a) => {
      const { fds, revents } = pollFds(a[0]!);
      if (readInt(a[1]!, 'nfds') !== fds.length) throw new ScriptSyntaxError(`nfds must be ${fds.length}, the length of the list`, a[1]!);
      return { request: { name: 'poll', fds, timeoutMs: readInt(a[2]!, 'the timeout', -1) }, out: { revents } };
    },
  },
  epoll_create: {
    params: ['size'],
    read: (a) => {
      readInt(a[0]!, 'the size', 1);
      return { request: { name: 'epoll_create' } };
    },
  },
  // The same call without the obsolete size; its one flag, EPOLL_CLOEXEC, means nothing to a script.
  epoll_create1: {
    params: ['flags'],
    read: (a) => {
      if (!(a[0]!.kind === 'name' && a[0]!.name === 'EPOLL_CLOEXEC')) readInt(a[0]!, 'the flags (0 or EPOLL_CLOEXEC)', 0, 0);
      return { request: { name: 'epoll_create' } };
    },
  },
  epoll_ctl: {
    params: ['epfd', 'op', 'fd', 'event'],
    read: (a) => {
      const fd = readFd(a[2]!);
      const op = readName(a[1]!, EPOLL_OPS, 'the operation');
      const event = a[3]!.kind === 'ellipsis' && op === 'del' ? { events: 0 } : readEpollEvent(a[3]!, 'the event');
      // As in packetdrill, which writes the fd there itself: fd= names the fd registered.
      if (event.data?.member === 'fd' && event.data.value !== BigInt(fd)) throw new ScriptSyntaxError(`the event's fd must be ${fd}, the fd registered`, a[3]!);
      // Without data, the event holds the fd, as a C program's usually does.
      return { request: { name: 'epoll_ctl', fd: readFd(a[0]!), op, target: fd, events: event.events, data: event.data?.value ?? BigInt(fd) } };
    },
  },
  epoll_wait: {
    params: ['epfd', 'events', 'maxevents', 'timeout'],
    read: (a) => {
      const listed = readEventList(a[1]!);
      const request: SyscallRequest = { name: 'epoll_wait', fd: readFd(a[0]!), max: readInt(a[2]!, 'maxevents', -0x80000000), timeoutMs: readInt(a[3]!, 'the timeout', -1) };
      return {
        request,
        out: (expect) => {
          const events = expectedEvents(listed, expect, a[1]!);
          return events ? { events } : {};
        },
      };
    },
  },
};

/** fcntl(fd, F_GETFL) or fcntl(fd, F_SETFL, flags): the one syscall whose arity depends on an argument. */
function fcntl(args: readonly Expr[], open: Token): Read {
  const command = args[1] && readName(args[1], FCNTL_COMMANDS, 'the command');
  if (args.length !== (command === 'F_SETFL' ? 3 : 2)) {
    throw new ScriptSyntaxError(`fcntl takes (fd, F_GETFL) or (fd, F_SETFL, flags), not ${args.length} arguments`, open);
  }
  const fd = readFd(args[0]!);
  return { request: command === 'F_SETFL' ? { name: 'fcntl', fd, flags: readFlags(args[2]!, O_FLAGS, 'the flags') } : { name: 'fcntl', fd } };
}

/** The syscall names a script may use. */
const SYSCALL_NAMES: readonly string[] = [...Object.keys(SPECS), 'fcntl'];

/**
 * Read a syscall line from its name (already taken) to the end of its return value.
 */
export function parseSyscall(
  lexer: Lexer,
  name: Token,
  options: ScriptOptions,
): { readonly request: SyscallRequest; readonly expect: ReturnExpectation; readonly out: OutExpectation } {
  const spec = Object.prototype.hasOwnProperty.call(SPECS, name.text) ? SPECS[name.text] : undefined;
  if (!spec && name.text !== 'fcntl') throw new ScriptSyntaxError(`unknown syscall ${name.text}; known: ${SYSCALL_NAMES.join(', ')}`, name);
  const open = takePunct(lexer, '(', `'(' after ${name.text}`);
  const args = parseList(lexer, ')', `the arguments of ${name.text}`, parseExpr);
  if (spec && args.length !== spec.params.length) {
    throw new ScriptSyntaxError(`${name.text} takes ${spec.params.length} arguments (${spec.params.join(', ')}), not ${args.length}`, open);
  }
  const defaults = {
    local: { address: options.localAddress, port: options.localPort },
    remote: { address: options.remoteAddress, port: options.remotePort },
  };
  const { request, out = {} } = spec ? spec.read(args, defaults) : fcntl(args, open);
  takePunct(lexer, '=', `'=' and the return value after ${name.text}(...)`);
  const expect = parseReturn(lexer);
  return { request, expect, out: typeof out === 'function' ? out(expect) : out };
}

/**
 * `3`, `O_RDWR|O_NONBLOCK`, or `-1 ERRNO`, each with an optional `(explanation)` that is ignored
 * (packetdrill writes `= -1 EAGAIN (Resource temporarily unavailable)`, `= 0x2 (flags O_RDWR)`).
 */
function parseReturn(lexer: Lexer): ReturnExpectation {
  const value = parseExpr(lexer);
  if (value.kind === 'number' && value.value < -1n) throw new ScriptSyntaxError('a syscall returns -1 or a value of 0 or more', value);
  const ret = value.kind === 'number' ? readInt(value, 'the return value', -1, Number.MAX_SAFE_INTEGER) : readFlags(value, O_FLAGS, 'the return value');
  if (ret !== -1) {
    skipExplanation(lexer);
    return { ret };
  }
  const errno = lexer.next();
  if (errno.kind !== 'name' || !isErrno(errno.text)) throw unexpected(errno, 'an errno name after -1 (EAGAIN, ECONNREFUSED, ...)');
  skipExplanation(lexer);
  return { ret: -1, errno: errno.text };
}

function skipExplanation(lexer: Lexer): void {
  if (isPunct(lexer.peek(), '(') && !lexer.raw(/\([^\n)]*\)/y)) throw unexpected(lexer.peek(), "a ')' closing the explanation");
}
