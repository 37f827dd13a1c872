/** A bit mask by the names of `table`: `POLLIN|POLLOUT`; bits without a name in hex. */
export function describeMask(value: number | undefined, table: Readonly<Record<string, number>>): string {
  if (value === undefined) return 'missing';
  const names = Object.entries(table).filter(([, bit]) => (value & bit) !== 0);
  const rest = names.reduce((left, [, bit]) => left & ~bit, value);
  const parts = [...names.map(([name]) => name), ...(rest !== 0 ? [`0x${(rest >>> 0).toString(16)}`] : [])];
  return parts.length > 0 ? parts.join('|') : '0';
}
