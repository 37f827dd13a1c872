/**
 * A value on part of one line, for the first line of a failure: short, exact where it is small
 * (`"next"`, `4 bytes "next"`, `{ address: "10.0.0.2", port: 5000 }`), cut where it is not.
 */

/** Longer renderings are cut: the diff under the first line shows the whole value. */
const MAX_CHARS = 60;
/** Bytes shown of a byte array. */
const MAX_BYTES = 16;

export function showValue(value: unknown): string {
  const text = render(value, 0);
  return text.length <= MAX_CHARS ? text : `${text.slice(0, MAX_CHARS - 1)}…`;
}

function render(value: unknown, depth: number): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value !== 'object' || value === null) return String(value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return showBytes(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  if (isAsymmetric(value)) return value.toString();
  if (value instanceof Map || value instanceof Set) return `${value.constructor.name}(${value.size})`;
  // Deeper than this, the first line has no room: the diff below shows it.
  if (depth >= 2) return Array.isArray(value) ? `[${value.length} items]` : '{…}';
  if (Array.isArray(value)) return `[${value.map((item) => render(item, depth + 1)).join(', ')}]`;
  const fields = Object.entries(value).map(([key, field]) => `${key}: ${render(field, depth + 1)}`);
  return fields.length === 0 ? '{}' : `{ ${fields.join(', ')} }`;
}

/** `5 bytes "hello"` when printable, else `3 bytes 00 ff 10`. */
function showBytes(bytes: Uint8Array): string {
  const shown = bytes.subarray(0, MAX_BYTES);
  const printable = bytes.length > 0 && bytes.every((b) => b >= 0x20 && b < 0x7f);
  const body = printable ? JSON.stringify(new TextDecoder().decode(shown)) : Array.from(shown, (b) => b.toString(16).padStart(2, '0')).join(' ');
  const unit = bytes.length === 1 ? 'byte' : 'bytes';
  return bytes.length === 0 ? '0 bytes' : `${bytes.length} ${unit} ${body}${bytes.length > shown.length ? '…' : ''}`;
}

/** jest's `expect.any(Number)` and the like, which say what they accept. */
export function isAsymmetric(value: object): value is { asymmetricMatch(other: unknown): boolean; toString(): string } {
  return typeof (value as { asymmetricMatch?: unknown }).asymmetricMatch === 'function';
}
