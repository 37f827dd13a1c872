/**
 * The socket options a socklab kernel knows, as Linux numbers them (`<asm/socket.h>`,
 * `<netinet/tcp.h>`), and how their values are laid out: an int, or TCP_CONGESTION's name.
 */
import type { SocketOption } from '../../../contract';
import { IPPROTO_TCP, SOL_SOCKET } from './libc';

/** TCP_CA_NAME_MAX: the longest congestion-control name, with its NUL. */
const CONGESTION_NAME_MAX = 16;

const OPTIONS: Readonly<Record<SocketOption, { readonly level: number; readonly name: number }>> = {
  SO_REUSEADDR: { level: SOL_SOCKET, name: 2 },
  SO_ERROR: { level: SOL_SOCKET, name: 4 },
  SO_SNDBUF: { level: SOL_SOCKET, name: 7 },
  SO_RCVBUF: { level: SOL_SOCKET, name: 8 },
  TCP_NODELAY: { level: IPPROTO_TCP, name: 1 },
  TCP_MAXSEG: { level: IPPROTO_TCP, name: 2 },
  TCP_CONGESTION: { level: IPPROTO_TCP, name: 13 },
};

/** The level and name of `option`. */
export function optionNumbers(option: SocketOption): { readonly level: number; readonly name: number } {
  return OPTIONS[option];
}

/** The bytes setsockopt takes for `value`: a 4-byte int, or a name without its NUL. */
export function encodeOptionValue(value: number | string): Buffer {
  if (typeof value === 'string') return Buffer.from(value, 'latin1');
  const buffer = Buffer.alloc(4);
  buffer.writeInt32LE(value, 0);
  return buffer;
}

/** Room for getsockopt to write `option`'s value. */
export function optionBuffer(option: SocketOption): Buffer {
  return Buffer.alloc(option === 'TCP_CONGESTION' ? CONGESTION_NAME_MAX : 4);
}

/** The value getsockopt wrote: `length` bytes of `buffer`. */
export function decodeOptionValue(option: SocketOption, buffer: Buffer, length: number): number | string {
  if (option !== 'TCP_CONGESTION') return buffer.readInt32LE(0);
  const text = buffer.subarray(0, length).toString('latin1');
  const end = text.indexOf('\0');
  return end < 0 ? text : text.slice(0, end);
}
