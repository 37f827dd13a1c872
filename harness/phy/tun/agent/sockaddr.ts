/**
 * `struct sockaddr_in` (16 bytes): the family in host order, the port and the address in network
 * order, then 8 bytes of zeros.
 */
import type { SockAddr } from '../../../contract';
import { AF_INET } from './libc';

/** sizeof(struct sockaddr_in). */
export const SOCKADDR_IN_SIZE = 16;

/** `addr` as a sockaddr_in. */
export function encodeSockaddr(addr: SockAddr): Buffer {
  const buffer = Buffer.alloc(SOCKADDR_IN_SIZE);
  buffer.writeUInt16LE(AF_INET, 0);
  buffer.writeUInt16BE(addr.port, 2);
  addr.address.split('.').forEach((part, i) => buffer.writeUInt8(Number(part), 4 + i));
  return buffer;
}

/** The address in a sockaddr_in. */
export function decodeSockaddr(buffer: Buffer): SockAddr {
  return { address: [...buffer.subarray(4, 8)].join('.'), port: buffer.readUInt16BE(2) };
}

/** A zeroed sockaddr_in and its length field (socklen_t), for a call to fill in. */
export function sockaddrOut(): { readonly addr: Buffer; readonly len: Buffer } {
  const len = Buffer.alloc(4);
  len.writeUInt32LE(SOCKADDR_IN_SIZE, 0);
  return { addr: Buffer.alloc(SOCKADDR_IN_SIZE), len };
}
