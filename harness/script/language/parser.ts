/**
 * The packet-script parser: a subset of packetdrill's syntax (see ../README.md).
 * One statement per line: an option (`--tolerance_usecs=4000`) or a sysctl command in backticks
 * (`` `sysctl -q net.ipv4.tcp_sack=0` ``), or a timing and an event — a syscall, or a packet the
 * harness injects (`<`) or expects from the stack (`>`).
 *
 * Every error is a {@link ScriptSyntaxError} naming the line and column, thrown before anything
 * runs: a script either parses completely or not at all.
 */
import type { PacketEvent, Script, ScriptEvent, SyscallEvent, Timing } from './ast';
import { ScriptSyntaxError, type Position } from './errors';
import { Lexer, type Token } from './lexer';
import { applyOption, DEFAULT_OPTIONS, type ScriptOptions } from './options';
import { parsePacket } from './parse-packet';
import { parseSyscall } from './parse-syscall';
import { isPunct, unexpected } from './read';
import { parseShellCommand } from './shell-command';
import { parseAssertion } from './tcpi-parser';

const OPTION = /--[A-Za-z_][A-Za-z0-9_]*(?:=\S*)?/y;

/** Parse a whole script. `file` names it in errors and reports. */
export function parseScript(source: string, file = 'script.pkt'): Script {
  const lexer = new Lexer(source);
  try {
    return parseLines(lexer, file);
  } catch (error) {
    if (error instanceof ScriptSyntaxError) throw error.locate(file, lexer.lineText(error.position.line));
    throw error;
  }
}

function parseLines(lexer: Lexer, file: string): Script {
  let options: ScriptOptions = DEFAULT_OPTIONS;
  const events: ScriptEvent[] = [];
  // The earliest time the previous line can have happened: absolute times must not go back.
  let earliestUs = 0;
  // The socket a tcp_info assertion reads: the last TCP socket made, connected or accepted.
  let tcpSocket: number | undefined;
  for (let token = lexer.peek(); token.kind !== 'eof'; token = lexer.peek()) {
    if (token.kind === 'newline') {
      lexer.next();
      continue;
    }
    const option = token.kind === 'command' ? undefined : lexer.raw(OPTION);
    if (option) {
      if (events.length > 0) throw new ScriptSyntaxError('options come before the first event', option);
      options = readOption(options, option.text, option);
    } else if (token.kind === 'command') {
      lexer.next();
      if (events.length > 0) throw new ScriptSyntaxError('sysctl commands come before the first event', token);
      options = { ...options, sysctls: [...options.sysctls, ...parseShellCommand(token.text, token)] };
    } else {
      const timingAt = lexer.peek();
      const timing = parseTiming(lexer);
      const timed = lexer.peek();
      if (timed.kind === 'command') throw new ScriptSyntaxError('a sysctl command has no time: it comes before the first event, on a line of its own', timed);
      earliestUs = checkOrder(timing, earliestUs, timingAt);
      const head = lexer.peek();
      const source = { line: token.line, text: lexer.lineText(token.line).trim(), body: lexer.lineText(head.line).slice(head.column - 1).replace(/\/\/.*$/, '').trim() };
      const event = parseEvent(lexer, timing, timingAt, options, source, tcpSocket);
      events.push(event);
      tcpSocket = socketAfter(event, tcpSocket);
    }
    const end = lexer.next();
    if (end.kind !== 'newline' && end.kind !== 'eof') throw unexpected(end, 'the end of the line');
  }
  return { file, options, events };
}

function readOption(options: ScriptOptions, text: string, at: Position): ScriptOptions {
  const [name = '', value] = text.slice(2).split(/=(.*)/s);
  const valueAt = { line: at.line, column: at.column + 3 + name.length };
  return applyOption(options, name, value, { line: at.line, column: at.column + 2 }, valueAt);
}

function parseEvent(lexer: Lexer, timing: Timing, timingAt: Position, options: ScriptOptions, source: ScriptEvent['source'], tcpSocket: number | undefined): ScriptEvent {
  const head = lexer.next();
  if (head.kind === 'code') return parseTcpiAssertion(head, timing, timingAt, source, tcpSocket);
  if (isPunct(head, '<') || isPunct(head, '>')) {
    const body = parsePacket(lexer, head.text === '<' ? 'in' : 'out');
    const event = { ...body, timing, source } as PacketEvent;
    checkPacketTiming(event, timingAt);
    return event;
  }
  if (head.kind !== 'name') throw unexpected(head, "a syscall, '<' (a packet to inject) or '>' (a packet to expect)");
  if (timing.kind === 'any' || timing.kind === 'range') {
    throw new ScriptSyntaxError('a syscall starts at one time: * and ~ are for outbound packets (a blocking call is start...end)', timingAt);
  }
  const call: SyscallEvent = { kind: 'syscall', name: head.text, ...parseSyscall(lexer, head, options), timing, source };
  return call;
}

/** `%{ assert tcpi_snd_cwnd == 10 }%`: getsockopt(TCP_INFO) on the script's TCP socket, now, and its fields checked. */
function parseTcpiAssertion(code: Token, timing: Timing, timingAt: Position, source: ScriptEvent['source'], tcpSocket: number | undefined): SyscallEvent {
  if (timing.kind !== 'at') throw new ScriptSyntaxError('an assertion is checked at one time', timingAt);
  const tcpi = parseAssertion(code.text, code);
  if (tcpSocket === undefined) throw new ScriptSyntaxError('an assertion reads a TCP socket: socket(), connect() or accept() must come first', code);
  return { kind: 'syscall', name: 'tcp_info', request: { name: 'tcp_info', fd: tcpSocket }, expect: { ret: 0 }, out: { tcpi }, timing, source };
}

/** The socket assertions read after `event`: the TCP socket it made, connected or accepted, if any. */
function socketAfter(event: ScriptEvent, tcpSocket: number | undefined): number | undefined {
  if (event.kind !== 'syscall' || 'errno' in event.expect) return tcpSocket;
  const { request, expect } = event;
  if ((request.name === 'socket' && request.kind === 'tcp') || request.name === 'accept') return expect.ret;
  return request.name === 'connect' ? request.fd : tcpSocket;
}

function checkPacketTiming(event: PacketEvent, at: Position): void {
  if (event.timing.kind === 'blocking') throw new ScriptSyntaxError('start...end is for blocking syscalls; a packet window is written from~to', at);
  if (event.direction === 'in' && event.timing.kind !== 'at') {
    throw new ScriptSyntaxError('an inbound packet is injected at one time: * and ~ are for outbound packets', at);
  }
}

/** `*`, `T`, `+T`, `T~T`, `T...T` (seconds). */
function parseTiming(lexer: Lexer): Timing {
  if (isPunct(lexer.peek(), '*')) {
    lexer.next();
    return { kind: 'any' };
  }
  const start = parsePoint(lexer);
  const separator = lexer.peek();
  if (!isPunct(separator, '~') && !isPunct(separator, '...')) return { kind: 'at', relative: start.relative, us: start.us };
  lexer.next();
  const endAt = lexer.peek();
  const end = parsePoint(lexer);
  if (end.relative && !start.relative) {
    throw new ScriptSyntaxError(`both ends of ${separator.text} count from the same time: the start is absolute, so write the end without +`, endAt);
  }
  if (end.us < start.us) throw new ScriptSyntaxError(`${separator.text} ends before it starts`, endAt);
  return separator.text === '~'
    ? { kind: 'range', relative: start.relative, fromUs: start.us, toUs: end.us }
    : { kind: 'blocking', relative: start.relative, startUs: start.us, endUs: end.us };
}

function parsePoint(lexer: Lexer): { relative: boolean; us: number } {
  const relative = isPunct(lexer.peek(), '+');
  if (relative) lexer.next();
  const token = lexer.next();
  if (token.kind !== 'number' || /^0x/i.test(token.text)) {
    throw unexpected(token, relative ? 'a time in seconds after +' : "a time: seconds (0.1), +seconds (+.1) or '*'");
  }
  const [whole = '', fraction = ''] = token.text.split('.');
  if (fraction.length > 6) throw new ScriptSyntaxError('times are whole microseconds: at most 6 decimals', token);
  const us = Number(whole || '0') * 1_000_000 + Number(fraction.padEnd(6, '0'));
  if (!Number.isSafeInteger(us)) throw new ScriptSyntaxError('the time is too large', token);
  return { relative, us };
}

/** The earliest time of this line, after checking that an absolute time does not go back. */
function checkOrder(timing: Timing, earliestUs: number, at: Position): number {
  if (timing.kind === 'any') return earliestUs;
  const startUs = timing.kind === 'at' ? timing.us : timing.kind === 'range' ? timing.fromUs : timing.startUs;
  if (timing.relative) return earliestUs + startUs;
  if (startUs < earliestUs) {
    throw new ScriptSyntaxError(`time goes backwards: ${startUs / 1e6} s is before the previous line's ${earliestUs / 1e6} s`, at);
  }
  return startUs;
}
