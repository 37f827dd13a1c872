/** jest `--testNamePattern`s: exactly some tests by full name, or none at all. */

/** A pattern no test name matches: the tests are listed as skipped and none runs. */
export const NO_TEST = '(?!)';

/** A pattern matching exactly the full names `names` (jest matches it anywhere, so it is anchored). */
export function exactly(names: readonly string[]): string {
  return `^(?:${names.map(escapeRegExp).join('|')})$`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
