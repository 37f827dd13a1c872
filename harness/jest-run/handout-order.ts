/**
 * The order the handouts give the stubs in: each milestone's README has a numbered table,
 * "| # | file | function(s) | then these pass |", one step a row, and the steps of milestone m1
 * come before those of m2. A stub is placed by the row that names its file and function.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** One function of one step of a handout's table. */
export interface HandoutEntry {
  /** The milestone, as a NotImplemented names it: `m1`. */
  readonly milestone: string;
  readonly step: number;
  /** The step's files, relative to the stack folder: `udp-socket.ts`, `tcp/seq.ts`. */
  readonly files: readonly string[];
  /** The function's last name part, as a stack frame ends with it: `bind` for `UdpPortTable.bind`. */
  readonly fn: string;
}

/** A stub a failure reached, placed by the handout. */
export interface StubSite {
  readonly milestone: string;
  /** The file, relative to the stack folder; undefined when no frame was in it. */
  readonly file: string | undefined;
  readonly fn: string | undefined;
}

/** Every handout's entries under `assignmentsDir`, in the handouts' order. */
export function readHandoutOrder(assignmentsDir: string): HandoutEntry[] {
  const folders = fs.existsSync(assignmentsDir) ? fs.readdirSync(assignmentsDir) : [];
  return folders
    .map((folder) => ({ milestone: folder.split('-')[0] ?? folder, readme: path.join(assignmentsDir, folder, 'README.md') }))
    .filter(({ readme }) => fs.existsSync(readme))
    .sort((a, b) => milestoneNumber(a.milestone) - milestoneNumber(b.milestone))
    .flatMap(({ milestone, readme }) => stepTable(milestone, fs.readFileSync(readme, 'utf8')));
}

/** The entries of the first table in `markdown` whose header has the columns `#`, `file` and `function(s)`. */
export function stepTable(milestone: string, markdown: string): HandoutEntry[] {
  const rows = markdown.split('\n').map(cellsOf);
  const header = rows.findIndex((cells) => cells?.[0] === '#' && cells[1]?.startsWith('file') && cells[2]?.startsWith('function'));
  if (header < 0) return [];
  const entries: HandoutEntry[] = [];
  // The separator row follows the header; the table ends at the first line that is not a row.
  for (const cells of rows.slice(header + 2)) {
    if (!cells) break;
    const step = Number(cells[0]);
    const files = codeSpans(cells[1] ?? '');
    for (const name of codeSpans(cells[2] ?? '')) entries.push({ milestone, step, files, fn: lastPart(name) });
  }
  return entries;
}

/**
 * Where `stub` comes in the handouts' order, as an index into `order`: its file and function's
 * entry, else the first step of its milestone with its file, else after its milestone's steps
 * (and a milestone of no handout after every step).
 */
export function handoutRank(order: readonly HandoutEntry[], stub: StubSite): number {
  const inFile = (entry: HandoutEntry): boolean => entry.milestone === stub.milestone && stub.file !== undefined && entry.files.includes(stub.file);
  const exact = order.findIndex((entry) => inFile(entry) && stub.fn !== undefined && lastPart(stub.fn) === entry.fn);
  if (exact >= 0) return exact;
  const byFile = order.findIndex(inFile);
  if (byFile >= 0) return byFile;
  // Entries are in milestone order: those up to the stub's milestone come first, and half a place after them is before the next milestone's.
  return order.filter((entry) => milestoneNumber(entry.milestone) <= milestoneNumber(stub.milestone)).length - 0.5;
}

function cellsOf(line: string): string[] | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('|')) return undefined;
  return trimmed
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());
}

function codeSpans(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? '');
}

function lastPart(fn: string): string {
  return fn.split('.').pop() ?? fn;
}

function milestoneNumber(milestone: string): number {
  return Number(/\d+/.exec(milestone)?.[0] ?? Infinity);
}
