/**
 * Staging: the submission the grader runs is a private copy made of regular files only. Nothing of
 * the student's folder is read after this, by the judge or by the kernel's process, so what the
 * folder holds besides plain files cannot reach beyond it: a symbolic link to `../assignments` or
 * to `/`, a FIFO that blocks whoever reads it, a device, a 3 GiB sparse file.
 *
 * A link is followed only when what it names lies inside the submission, and becomes a copy of
 * that; everything else that is not a regular file or a folder is refused, with the reason kept for
 * the report. Every read is bounded: the bounds below are far above any stack's sources.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The largest file copied: a stack's biggest source file is a few tens of kilobytes. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** The most bytes copied in all. */
export const MAX_TOTAL_BYTES = 16 * 1024 * 1024;
/** The most files copied. */
export const MAX_FILES = 2000;
/** The deepest folder copied. */
export const MAX_DEPTH = 24;

/** Folders never copied: installed packages and history are not the student's sources. */
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/** A file or folder of the submission that was left out of the copy, and why. */
export interface Refusal {
  /** Relative to the submission folder, with `/` separators. */
  readonly path: string;
  readonly reason: string;
}

/** What staging copied, in sorted order, and what it refused. */
export interface Staged {
  readonly files: readonly { readonly relative: string; readonly bytes: Buffer }[];
  readonly refused: readonly Refusal[];
}

class Stager {
  readonly files: { relative: string; bytes: Buffer }[] = [];
  readonly refused: Refusal[] = [];
  private total = 0;

  /** `root` must be a real path: links are judged by whether they lead back inside it. */
  constructor(private readonly root: string) {}

  /** Stage `absolute` (named `relative` in the copy), reached at `depth` through `via` (real paths of the folders entered). */
  visit(absolute: string, relative: string, depth: number, via: ReadonlySet<string>): void {
    const stat = fs.lstatSync(absolute, { throwIfNoEntry: false });
    if (!stat) return this.refuse(relative, 'it disappeared while the submission was copied');
    if (stat.isSymbolicLink()) return this.followLink(absolute, relative, depth, via);
    if (stat.isDirectory()) return this.enter(absolute, relative, depth, via);
    if (stat.isFile()) return this.copy(absolute, relative);
    this.refuse(relative, `it is a ${kindOf(stat)}, not a regular file`);
  }

  private followLink(absolute: string, relative: string, depth: number, via: ReadonlySet<string>): void {
    let target: string | undefined;
    try {
      target = fs.realpathSync(absolute);
    } catch {
      target = undefined;
    }
    // One reason whether the target is missing or outside: which paths exist outside the submission is none of its business.
    if (target === undefined || (target !== this.root && !target.startsWith(this.root + path.sep))) {
      return this.refuse(relative, `it is a symbolic link to ${fs.readlinkSync(absolute)}, which is not a file or folder of the submission`);
    }
    this.visit(target, relative, depth, via);
  }

  private enter(absolute: string, relative: string, depth: number, via: ReadonlySet<string>): void {
    const real = fs.realpathSync(absolute);
    if (via.has(real)) return this.refuse(relative, 'it is a link to a folder that contains it (a cycle)');
    if (depth > MAX_DEPTH) return this.refuse(relative, `it is nested deeper than ${MAX_DEPTH} folders`);
    let entries: string[];
    try {
      entries = fs.readdirSync(absolute).sort(byCodeUnit);
    } catch (error) {
      return this.refuse(relative, `the folder cannot be read (${codeOf(error)})`);
    }
    const inside = new Set(via).add(real);
    for (const name of entries) {
      if (SKIPPED_DIRS.has(name)) continue;
      this.visit(path.join(absolute, name), relative ? `${relative}/${name}` : name, depth + 1, inside);
    }
  }

  private copy(absolute: string, relative: string): void {
    if (this.files.length >= MAX_FILES) return this.refuse(relative, `the submission has more than ${MAX_FILES} files`);
    let bytes: Buffer;
    try {
      bytes = readBounded(absolute, MAX_FILE_BYTES);
    } catch (error) {
      return this.refuse(relative, error instanceof TooLarge ? error.message : `it cannot be read (${codeOf(error)})`);
    }
    if (this.total + bytes.length > MAX_TOTAL_BYTES) {
      return this.refuse(relative, `the submission's files add up to more than ${MAX_TOTAL_BYTES / (1024 * 1024)} MiB`);
    }
    this.total += bytes.length;
    this.files.push({ relative, bytes });
  }

  private refuse(relative: string, reason: string): void {
    this.refused.push({ path: relative || '.', reason });
  }
}

class TooLarge extends Error {}

/**
 * The bytes of the regular file at `file`, read through one descriptor so that what is read is
 * what was checked: opened without following a link and without blocking (a FIFO swapped in would
 * otherwise hang the grader), refused unless it is a regular file of at most `limit` bytes.
 */
export function readBounded(file: string, limit: number): Buffer {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new TooLarge(`it is a ${kindOf(stat)}, not a regular file`);
    if (stat.size > limit) throw new TooLarge(`it is ${stat.size} bytes, over the limit of ${limit} bytes per file`);
    const bytes = Buffer.alloc(stat.size);
    let read = 0;
    while (read < bytes.length) {
      const n = fs.readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return bytes.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'named pipe';
  if (stat.isSocket()) return 'socket';
  if (stat.isCharacterDevice()) return 'character device';
  if (stat.isBlockDevice()) return 'block device';
  if (stat.isDirectory()) return 'folder';
  return 'special file';
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Read the submission folder `dir` (an existing folder) into memory as staging allows. */
export function readSubmission(dir: string): Staged {
  const root = fs.realpathSync(dir);
  const stager = new Stager(root);
  stager.visit(root, '', 0, new Set());
  const files = stager.files.sort((a, b) => byCodeUnit(a.relative, b.relative));
  return { files, refused: stager.refused };
}

/** Write what was staged into `into` (an empty private folder). */
export function writeStaged(staged: Staged, into: string): void {
  for (const file of staged.files) {
    const target = path.join(into, ...file.relative.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    fs.writeFileSync(target, file.bytes, { mode: 0o600 });
  }
}
