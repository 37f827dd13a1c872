/** The tables of the HTML pages. */
import { escapeMarkup } from '../../../harness/checks/escape-markup';

/** A table of `header` (text) over `rows` (each a whole `<tr>`, made safe by its maker). */
export function table(header: readonly string[], rows: readonly string[]): string {
  const head = header.map((cell) => `<th>${escapeMarkup(cell)}</th>`).join('');
  return ['<table>', `<thead><tr>${head}</tr></thead>`, '<tbody>', ...rows, '</tbody>', '</table>'].join('\n');
}
