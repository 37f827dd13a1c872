/** A hex dump of bytes, like `xxd` or `tcpdump -X`, for showing a packet that does not decode. */

/**
 * Lines of `width` bytes: the offset, the bytes in hex (an extra space every 8), and the bytes
 * as ASCII with `.` for the unprintable:
 *
 *     0000  45 00 00 1d 00 00 00 00  40 11 66 c9 0a 00 00 01  E.......@.f.....
 */
export function hexDump(bytes: Uint8Array, width = 16): string {
  const lines: string[] = [];
  for (let at = 0; at < bytes.length; at += width) {
    const row = Array.from(bytes.subarray(at, at + width));
    const hexCols: string[] = [];
    for (let i = 0; i < width; i++) {
      const b = row[i];
      hexCols.push((i > 0 && i % 8 === 0 ? ' ' : '') + (b === undefined ? '  ' : b.toString(16).padStart(2, '0')));
    }
    const ascii = row.map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${at.toString(16).padStart(4, '0')}  ${hexCols.join(' ')}  ${ascii}`);
  }
  return lines.join('\n');
}
