/**
 * Packet lines, from after the direction (`<` or `>`) to the end of the line:
 *
 *     [A.B.C.D:P > A.B.C.D:P] FLAGS SEQ:END(LEN) [ack N] [win N] [<OPTIONS> | <...>]
 *     [A.B.C.D:P > A.B.C.D:P] udp (LEN)
 *     icmp unreachable CODE [ [udp (LEN)] ]
 *
 * FLAGS are tcpdump's letters, `.` for ACK. OPTIONS: `mss N`, `nop`, `eol`, `sackOK`,
 * `wscale N`, `TS val N ecr N`, `sack A:B [C:D ...]`, separated by commas.
 */
import { encodeTcpOptions, parseAddress, TcpFlag, type TcpOption } from '../../wire';
import type { Direction, Endpoints, PacketEvent } from './ast';
import { ScriptSyntaxError, type Position } from './errors';
import type { Lexer, Token } from './lexer';
import { UNREACHABLE_CODES } from './names';
import { isName, isPunct, takeInteger, takeName, takePunct, unexpected } from './read';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A packet line without its timing and source line, which the line parser adds. */
export type PacketBody = DistributiveOmit<PacketEvent, 'source' | 'timing'>;

const U32 = 0xffffffff;

const FLAG_LETTERS: Readonly<Record<string, number>> = {
  S: TcpFlag.SYN,
  F: TcpFlag.FIN,
  R: TcpFlag.RST,
  P: TcpFlag.PSH,
  '.': TcpFlag.ACK,
  U: TcpFlag.URG,
  E: TcpFlag.ECE,
  W: TcpFlag.CWR,
};

/** The largest UDP payload in one IPv4 packet without options. */
const MAX_UDP_PAYLOAD = 65507;

/** Read a packet line after its direction. */
export function parsePacket(lexer: Lexer, direction: Direction): PacketBody {
  const endpoints = lexer.peek().kind === 'address' ? parseEndpoints(lexer) : undefined;
  const base = { direction, ...(endpoints ? { endpoints } : {}) };
  const head = lexer.peek();
  if (isName(head, 'udp')) {
    lexer.next();
    return { kind: 'udp', ...base, length: parseLength(lexer, 'the UDP payload length', MAX_UDP_PAYLOAD) };
  }
  if (isName(head, 'icmp')) {
    if (endpoints) throw new ScriptSyntaxError('an ICMP line takes no endpoints: it answers (or quotes) the datagram', head);
    lexer.next();
    return { kind: 'icmp', ...base, ...parseIcmp(lexer, direction) };
  }
  return { kind: 'tcp', ...base, ...parseTcp(lexer, direction) };
}

function parseEndpoints(lexer: Lexer): Endpoints {
  const end = (): { address: string; port: number } => {
    const address = lexer.next();
    if (address.kind !== 'address') throw unexpected(address, 'an address a.b.c.d:port');
    checkAddress(address);
    takePunct(lexer, ':', "':' and the port after the address");
    return { address: address.text, port: takeInteger(lexer, 'the port', 0, 65535).value };
  };
  const src = end();
  takePunct(lexer, '>', "'>' between the source and the destination");
  return { src, dst: end() };
}

function checkAddress(token: Token): void {
  const parsed = parseAddress(token.text);
  if (!parsed.ok) throw new ScriptSyntaxError(parsed.reason, token);
}

/** `(N)`. */
function parseLength(lexer: Lexer, what: string, max: number): number {
  takePunct(lexer, '(', `'(' and ${what}`);
  const { value } = takeInteger(lexer, what, 0, max);
  takePunct(lexer, ')', `')' after ${what}`);
  return value;
}

function parseIcmp(lexer: Lexer, direction: Direction): { code: number; quoteUdpLength?: number } {
  const type = takeName(lexer, "the ICMP type 'unreachable'");
  if (type.text !== 'unreachable') throw unexpected(type, "the ICMP type 'unreachable' (the only one scripts support)");
  const codeName = takeName(lexer, `the code (${Object.keys(UNREACHABLE_CODES).join(', ')})`);
  const code = UNREACHABLE_CODES[codeName.text];
  if (code === undefined) throw unexpected(codeName, `the code (${Object.keys(UNREACHABLE_CODES).join(', ')})`);
  if (!isPunct(lexer.peek(), '[')) return { code };
  const open = lexer.next();
  if (direction === 'out') throw new ScriptSyntaxError('an outbound ICMP error quotes the datagram the harness sent last: write no [...]', open);
  const udp = takeName(lexer, "'udp (N)' inside [...]");
  if (udp.text !== 'udp') throw unexpected(udp, "'udp (N)' inside [...]");
  const quoteUdpLength = parseLength(lexer, 'the quoted UDP payload length', MAX_UDP_PAYLOAD);
  takePunct(lexer, ']', "']' after the quoted datagram");
  return { code, quoteUdpLength };
}

function parseTcp(lexer: Lexer, direction: Direction) {
  const { flags, at } = parseFlags(lexer);
  const seq = takeInteger(lexer, 'the sequence number', 0, U32).value;
  takePunct(lexer, ':', "':' and the end sequence number (seq:end(length))");
  const end = takeInteger(lexer, 'the end sequence number', 0, U32);
  const length = parseLength(lexer, 'the payload length', 65535);
  if (((seq + length) >>> 0) !== end.value) {
    throw new ScriptSyntaxError(`the end ${end.value} is not the start ${seq} plus the length ${length}`, end.token);
  }
  let ack: number | undefined;
  let window: number | undefined;
  let options: readonly TcpOption[] | 'any' = [];
  for (let token = lexer.peek(); token.kind !== 'newline' && token.kind !== 'eof'; token = lexer.peek()) {
    if (isName(token, 'ack') && ack === undefined) {
      lexer.next();
      ack = takeInteger(lexer, 'the acknowledgment number', 0, U32).value;
    } else if (isName(token, 'win') && window === undefined) {
      lexer.next();
      window = takeInteger(lexer, 'the window', 0, 65535).value;
    } else if (isPunct(token, '<')) {
      options = parseOptions(lexer, direction);
      if (lexer.peek().kind !== 'newline' && lexer.peek().kind !== 'eof') throw unexpected(lexer.peek(), 'the end of the line after the options');
    } else {
      throw unexpected(token, `${ack === undefined ? 'ack N, ' : ''}${window === undefined ? 'win N, ' : ''}<options> or the end of the line`);
    }
  }
  if (direction === 'in' && (flags & TcpFlag.ACK) !== 0 && ack === undefined) {
    throw new ScriptSyntaxError("an inbound segment with the ACK flag ('.') needs ack N", at);
  }
  return { flags, seq, length, options, ...(ack === undefined ? {} : { ack }), ...(window === undefined ? {} : { window }) };
}

function parseFlags(lexer: Lexer): { flags: number; at: Position } {
  const raw = lexer.raw(/[A-Za-z.]+/y);
  if (!raw) throw unexpected(lexer.peek(), "TCP flags (S, F, R, P, '.', U, E, W), 'udp' or 'icmp'");
  let flags = 0;
  for (const [i, letter] of [...raw.text].entries()) {
    const bit = FLAG_LETTERS[letter];
    const at = { line: raw.line, column: raw.column + i };
    if (bit === undefined) throw new ScriptSyntaxError(`${JSON.stringify(letter)} is not a TCP flag: use S, F, R, P, '.' (ACK), U, E, W`, at);
    if ((flags & bit) !== 0) throw new ScriptSyntaxError(`the flag ${letter} is given twice`, at);
    flags |= bit;
  }
  return { flags, at: raw };
}

function parseOptions(lexer: Lexer, direction: Direction): readonly TcpOption[] | 'any' {
  const open = takePunct(lexer, '<');
  if (isPunct(lexer.peek(), '...')) {
    const any = lexer.next();
    if (direction === 'in') throw new ScriptSyntaxError('an inbound segment needs its options spelled out: <...> only skips checking outbound ones', any);
    takePunct(lexer, '>', "'>' after <...");
    return 'any';
  }
  const options: TcpOption[] = [];
  if (!isPunct(lexer.peek(), '>')) {
    for (;;) {
      options.push(parseOption(lexer));
      const token = lexer.next();
      if (isPunct(token, '>')) break;
      if (!isPunct(token, ',')) throw unexpected(token, "',' or '>' in the options");
    }
  } else {
    lexer.next();
  }
  if (encodeTcpOptions(options).length > 40) throw new ScriptSyntaxError('the options take more than the 40 bytes a TCP header holds', open);
  return options;
}

function parseOption(lexer: Lexer): TcpOption {
  const name = takeName(lexer, 'an option (mss, nop, eol, sackOK, wscale, TS, sack)');
  const int = (what: string, max: number): number => takeInteger(lexer, what, 0, max).value;
  switch (name.text) {
    case 'nop':
    case 'eol':
      return { kind: name.text };
    case 'sackOK':
      return { kind: 'sackPermitted' };
    case 'mss':
      return { kind: 'mss', value: int('the MSS', 65535) };
    case 'wscale':
      return { kind: 'wscale', shift: int('the window scale shift', 255) };
    case 'TS': {
      const keyword = (word: string): void => {
        const token = lexer.next();
        if (!isName(token, word)) throw unexpected(token, `'${word}' in TS val N ecr N`);
      };
      keyword('val');
      const tsval = int('the timestamp value', U32);
      keyword('ecr');
      return { kind: 'timestamp', tsval, tsecr: int('the timestamp echo reply', U32) };
    }
    case 'sack': {
      const blocks: { left: number; right: number }[] = [];
      do {
        if (blocks.length === 4) throw new ScriptSyntaxError('a SACK option holds at most 4 blocks', lexer.peek());
        const left = int('a SACK block start', U32);
        takePunct(lexer, ':', "':' in the SACK block start:end");
        blocks.push({ left, right: int('a SACK block end', U32) });
      } while (lexer.peek().kind === 'number');
      return { kind: 'sack', blocks };
    }
    default:
      throw unexpected(name, 'an option (mss, nop, eol, sackOK, wscale, TS, sack)');
  }
}
