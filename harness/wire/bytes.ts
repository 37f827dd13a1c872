/**
 * Big-endian (network order) field access on byte arrays.
 *
 * Every access checks that the field lies inside the array and throws a RangeError when it does
 * not, as a DataView would, instead of quietly yielding `undefined` or 0: decoders check lengths
 * before reading, and the fuzz tests would catch a missed check as a throw. The bytes are read
 * directly: a DataView per field costs more than the field (the fuzz tests read millions).
 */

/** Throws unless the `width` bytes at `offset` lie inside `bytes`. */
function checkRange(bytes: Uint8Array, offset: number, width: number): void {
  if (!Number.isInteger(offset) || offset < 0 || offset + width > bytes.length) {
    throw new RangeError(`the ${width}-byte field at offset ${offset} is outside the ${bytes.length} bytes`);
  }
}

/** The byte at `offset`. */
export function readU8(bytes: Uint8Array, offset: number): number {
  checkRange(bytes, offset, 1);
  return bytes[offset]!;
}

/** The 16-bit big-endian number at `offset`. */
export function readU16(bytes: Uint8Array, offset: number): number {
  checkRange(bytes, offset, 2);
  return (bytes[offset]! << 8) | bytes[offset + 1]!;
}

/** The 32-bit big-endian number at `offset` (unsigned). */
export function readU32(bytes: Uint8Array, offset: number): number {
  checkRange(bytes, offset, 4);
  return ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>> 0;
}

/** Writes the low 16 bits of `value` big-endian at `offset`. */
export function writeU16(bytes: Uint8Array, offset: number, value: number): void {
  checkRange(bytes, offset, 2);
  bytes[offset] = value >>> 8;
  bytes[offset + 1] = value;
}

/** Writes the low 32 bits of `value` big-endian at `offset`. */
export function writeU32(bytes: Uint8Array, offset: number, value: number): void {
  checkRange(bytes, offset, 4);
  bytes[offset] = value >>> 24;
  bytes[offset + 1] = value >>> 16;
  bytes[offset + 2] = value >>> 8;
  bytes[offset + 3] = value;
}

/** `value` as `0x` and `digits` lowercase hex digits: `hex(0x1234, 4) === '0x1234'`. */
export function hex(value: number, digits: number): string {
  return `0x${value.toString(16).padStart(digits, '0')}`;
}

/**
 * Throws when `value` is not an integer in [0, 2^bits). Encoders call it so that a test that
 * crafts a header with an out-of-range field learns so at once, instead of the value being
 * silently truncated to its low bits.
 */
export function checkField(name: string, value: number, bits: number): void {
  if (!Number.isInteger(value) || value < 0 || value >= 2 ** bits) {
    throw new RangeError(`${name} ${value} does not fit in ${bits} bits`);
  }
}

/**
 * The length of an IPv4 or TCP header: both have 20 fixed bytes, then options padded with zeros
 * to whole 32-bit words, and give their length in words in a 4-bit field, which leaves at most
 * 40 bytes for options. Throws when `optionBytes` do not fit.
 */
export function paddedHeaderLength(protocol: 'IPv4' | 'TCP', optionBytes: number): number {
  if (optionBytes > 40) {
    throw new RangeError(`${protocol} options take ${optionBytes} bytes, more than the 40 a header holds`);
  }
  return 20 + Math.ceil(optionBytes / 4) * 4;
}
