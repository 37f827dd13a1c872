/**
 * TCP options (RFC 9293 §3.2, RFC 7323, RFC 2018): the kinds socklab's milestones use, decoded
 * into fields, and every other option (or a known kind with a wrong length) kept as raw
 * `{ kind, data }` so that whatever a stack sends can be inspected and re-encoded unchanged.
 */
import { checkField, readU16, readU32, readU8, writeU16, writeU32 } from './bytes';
import { fail, ok, type Decoded } from './result';

/** One SACK block: the sequence numbers of a received range, `[left, right)`. */
export interface SackBlock {
  readonly left: number;
  readonly right: number;
}

/** A TCP option. Known kinds have names; `{ kind: number, data }` is any option as raw bytes. */
export type TcpOption =
  /** End of option list (kind 0): what follows it is padding. Decoded only when nonzero bytes follow it. */
  | { readonly kind: 'eol' }
  /** No-operation (kind 1), used to align the next option. */
  | { readonly kind: 'nop' }
  /** Maximum segment size (kind 2, length 4). */
  | { readonly kind: 'mss'; readonly value: number }
  /** Window scale (kind 3, length 3): the shift count. */
  | { readonly kind: 'wscale'; readonly shift: number }
  /** SACK permitted (kind 4, length 2). */
  | { readonly kind: 'sackPermitted' }
  /** SACK (kind 5, length 2 + 8 per block, at least one block). */
  | { readonly kind: 'sack'; readonly blocks: readonly SackBlock[] }
  /** Timestamps (kind 8, length 10). */
  | { readonly kind: 'timestamp'; readonly tsval: number; readonly tsecr: number }
  | RawTcpOption;

/**
 * Any option as its kind and the bytes after the length byte. The length byte is written as
 * `data.length + 2`. A known kind given this way is written as is, which crafts a malformed one.
 */
export interface RawTcpOption {
  readonly kind: number;
  readonly data: Uint8Array;
}

/** True for an option kept as raw bytes. */
export function isRawOption(option: TcpOption): option is RawTcpOption {
  return typeof option.kind === 'number';
}

/** The kind byte of each option this codec names. */
export const TcpOptionKind = { eol: 0, nop: 1, mss: 2, wscale: 3, sackPermitted: 4, sack: 5, timestamp: 8 } as const;

type MultiByteOption = Exclude<TcpOption, { kind: 'eol' } | { kind: 'nop' }>;

// The kind byte and the bytes after the length byte of an option that has a length byte.
function parts(option: MultiByteOption): { kind: number; body: Uint8Array } {
  if (isRawOption(option)) {
    if (option.kind === TcpOptionKind.eol || option.kind === TcpOptionKind.nop) {
      throw new RangeError(`TCP option kind ${option.kind} has no length byte: write {kind: '${option.kind === 0 ? 'eol' : 'nop'}'}`);
    }
    return { kind: option.kind, body: option.data };
  }
  switch (option.kind) {
    case 'sackPermitted':
      return { kind: TcpOptionKind.sackPermitted, body: new Uint8Array(0) };
    case 'mss': {
      checkField('TCP MSS', option.value, 16);
      const body = new Uint8Array(2);
      writeU16(body, 0, option.value);
      return { kind: TcpOptionKind.mss, body };
    }
    case 'wscale':
      checkField('TCP window scale shift', option.shift, 8);
      return { kind: TcpOptionKind.wscale, body: Uint8Array.of(option.shift) };
    case 'sack': {
      if (option.blocks.length === 0) throw new RangeError('a SACK option needs at least one block');
      const body = new Uint8Array(8 * option.blocks.length);
      option.blocks.forEach((b, i) => {
        checkField('SACK left edge', b.left, 32);
        checkField('SACK right edge', b.right, 32);
        writeU32(body, 8 * i, b.left);
        writeU32(body, 8 * i + 4, b.right);
      });
      return { kind: TcpOptionKind.sack, body };
    }
    case 'timestamp': {
      checkField('TCP timestamp value', option.tsval, 32);
      checkField('TCP timestamp echo reply', option.tsecr, 32);
      const body = new Uint8Array(8);
      writeU32(body, 0, option.tsval);
      writeU32(body, 4, option.tsecr);
      return { kind: TcpOptionKind.timestamp, body };
    }
  }
}

/** The options' bytes, in order, without padding (the TCP encoder pads). Throws on out-of-range values. */
export function encodeTcpOptions(options: readonly TcpOption[]): Uint8Array {
  const chunks = options.map((o) => {
    if (o.kind === 'eol') return Uint8Array.of(TcpOptionKind.eol);
    if (o.kind === 'nop') return Uint8Array.of(TcpOptionKind.nop);
    const { kind, body } = parts(o);
    checkField('TCP option kind', kind, 8);
    checkField('TCP option length', body.length + 2, 8);
    return Uint8Array.of(kind, body.length + 2, ...body);
  });
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

// A known kind with its exact length becomes a named option; anything else stays raw.
function named(kind: number, body: Uint8Array): TcpOption {
  if (kind === TcpOptionKind.mss && body.length === 2) return { kind: 'mss', value: readU16(body, 0) };
  if (kind === TcpOptionKind.wscale && body.length === 1) return { kind: 'wscale', shift: readU8(body, 0) };
  if (kind === TcpOptionKind.sackPermitted && body.length === 0) return { kind: 'sackPermitted' };
  if (kind === TcpOptionKind.timestamp && body.length === 8) {
    return { kind: 'timestamp', tsval: readU32(body, 0), tsecr: readU32(body, 4) };
  }
  if (kind === TcpOptionKind.sack && body.length > 0 && body.length % 8 === 0) {
    const blocks: SackBlock[] = [];
    for (let i = 0; i < body.length; i += 8) blocks.push({ left: readU32(body, i), right: readU32(body, i + 4) });
    return { kind: 'sack', blocks };
  }
  return { kind, data: body };
}

/**
 * Decodes the option bytes of a TCP header; never throws. Stops at End of Option List, which is
 * listed only when nonzero bytes follow it (zeros are padding). Fails when an option's length
 * byte is missing, below 2, or runs past the end.
 */
export function decodeTcpOptions(bytes: Uint8Array): Decoded<TcpOption[]> {
  const options: TcpOption[] = [];
  let i = 0;
  while (i < bytes.length) {
    const kind = readU8(bytes, i);
    if (kind === TcpOptionKind.eol) {
      // Zeros to the end are the padding every header with options of odd size has: listing
      // them would make [mss, wscale] decode as [mss, wscale, eol]. An EOL before other bytes is
      // a choice of the sender, so it is listed; the bytes after it are ignored (RFC 9293).
      if (bytes.subarray(i).some((b) => b !== 0)) options.push({ kind: 'eol' });
      break;
    }
    if (kind === TcpOptionKind.nop) {
      options.push({ kind: 'nop' });
      i += 1;
      continue;
    }
    if (i + 1 >= bytes.length) return fail(`TCP option kind ${kind} at option byte ${i} has no length byte`);
    const length = readU8(bytes, i + 1);
    if (length < 2) return fail(`TCP option kind ${kind} at option byte ${i} has length ${length}, below 2`);
    if (i + length > bytes.length) {
      return fail(`TCP option kind ${kind} at option byte ${i} has length ${length}, past the end of the ${bytes.length} option bytes`);
    }
    options.push(named(kind, bytes.slice(i + 2, i + length)));
    i += length;
  }
  return ok(options);
}
