/**
 * The grading machine's paths, taken out of text a student sees. Messages come from stack traces
 * and from the harness, run in the grader's checkout against a staged copy of the stack, so they
 * name `/work/main/harness/...`, `/work/main/.graded-stack-x1y2/...`, `/tmp/socklab-grade-.../`
 * and `node_modules` frames. A student learns nothing from those, cannot use them, and should not
 * learn the layout of the grading machine from them. Each becomes what it is in the student's
 * repository: a path relative to its root (`harness/sim/host.ts:53:47`), the stack as `stack/`,
 * and anything else of the machine as `<grader>/<file name>`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Report } from '../report';

/** The grader's checkout: harness/ and assignments/ are where a student repository has them. */
const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** The stack folder of a student repository (scripts/export-student/repo-files.ts's STACK_DIR). */
export const STUDENT_STACK = 'stack';
/** What stands for a folder of the grading machine that a student has no copy of. */
export const PLACEHOLDER = '<grader>';

/** The folders of one grading machine and one report, each known by what it is to a student. */
export interface MachinePaths {
  /** The folder graded (a staged copy, the starter, a path given): shown as `stack/`. */
  readonly submission: readonly string[];
  /** The assignments folder: shown as `assignments/`. */
  readonly assignments: readonly string[];
  /** The grader's checkout: paths inside it are shown relative to it. */
  readonly root: readonly string[];
  /**
   * Other folders of the machine (temporary, home, working). Paths under them are `<grader>/<file
   * name>` like any other absolute path; these also make their top folder (`/tmp`) one not to show.
   */
  readonly other: readonly string[];
}

/** The machine paths of a report graded on this machine. */
export function machinePaths(report: Report): MachinePaths {
  return {
    submission: withRealPaths([report.submission.path]),
    assignments: withRealPaths([report.assignments]),
    root: withRealPaths([REPO_ROOT]),
    other: withRealPaths([os.tmpdir(), os.homedir(), process.cwd()]),
  };
}

/** Characters of a file or folder name, as paths in messages have them. */
const NAME = String.raw`[\w.\-~@+%]`;
/**
 * Before a path: not in the middle of a word, of a relative path, a URL or a placeholder. After a
 * colon it may start, unless `//` follows (a URL's): lists of paths (`a/node_modules:/work/…`) are
 * joined with colons.
 */
const START = String.raw`(?<![\w.\-~@/>\]])(?!(?<=:)//)`;
/** After a folder: its name has ended (a sentence's full stop may follow). */
const END = String.raw`(?!${NAME}*[\w\-~@+%])`;
/** Absolute paths a student has too, and that say something: `/dev/net/tun`, `/proc/...`. */
const SYSTEM = String.raw`(?!(?:dev|proc|sys)/)`;
/** Any other absolute path of two or more parts. */
const ABSOLUTE = new RegExp(String.raw`${START}(?:file://)?/${SYSTEM}${NAME}+(?:/${NAME}+)+/?`, 'g');
/** A staged copy of a stack (grader/submission.ts), of this run or another; mkdtemp's suffix is alphanumeric. */
const STAGED = new RegExp(String.raw`${START}(?:/${NAME}+)*/\.graded-stack-\w*/?`, 'g');
/** Stack frames of node itself and of installed packages: nothing there is the student's. */
const FOREIGN_FRAME = /^[ \t]*at .*(?:\(node:|\bnode:internal\/|[/\\]node_modules[/\\]).*(?:\r?\n|$)/gm;
/** Top-level folders that hold machine-specific things, named alone. */
const TOPS = ['tmp', 'root', 'home', 'var', 'work', 'srv', 'opt', 'mnt', 'autograder'];

/**
 * `text` without the machine's paths (see the module comment), and without what only works on the
 * grading machine: foreign stack frames and rerun commands' pointers at the graded folder (in a
 * student repository the tests load the student's own stack by default).
 */
export function scrubPaths(text: string, paths: MachinePaths): string {
  // Staged copies first: one of another run lies in the checkout, and would become a relative path.
  let result = text.replace(FOREIGN_FRAME, '').replace(STAGED, `${STUDENT_STACK}/`);
  for (const [folder, name] of replacements(paths)) result = result.replace(folderPattern(folder), (_, slash?: string) => shown(name, slash));
  result = result.replace(ABSOLUTE, (found) => `${PLACEHOLDER}/${path.posix.basename(found)}`).replace(topsPattern(paths), PLACEHOLDER);
  return result.replace(/\bSOCKLAB_SUBMISSION=\S+[ \t]*/g, '').replace(/--stack (?:stack\/?|'stack\/?')(?=[\s)]|$)[ \t]*/g, '');
}

/** Each known folder with what it is shown as ('' for the root: paths under it become relative). */
function replacements(paths: MachinePaths): [string, string][] {
  const named: [readonly string[], string][] = [
    [paths.submission, STUDENT_STACK],
    [paths.assignments, 'assignments'],
    [paths.root, ''],
  ];
  const seen = new Set<string>();
  const list: [string, string][] = [];
  for (const [folders, name] of named) {
    for (const folder of folders.map(trimSlash)) {
      // `/` alone would swallow every path; the first meaning given to a folder wins.
      if (folder.length < 2 || !folder.startsWith('/') || seen.has(folder)) continue;
      seen.add(folder);
      list.push([folder, name]);
    }
  }
  // The deepest folder first: the staged stack lies inside the checkout, a checkout may lie in /tmp.
  return list.sort(([a], [b]) => b.length - a.length);
}

/** A folder, as a whole path or the start of one (with the slash after it, captured). */
function folderPattern(folder: string): RegExp {
  return new RegExp(String.raw`${START}(?:file://)?${escapeRegExp(folder)}(?:(/)|${END})`, 'g');
}

/** What a folder becomes: `stack/` and `stack/x.ts`, `harness/x.ts` (relative) or `./`. */
function shown(name: string, slash: string | undefined): string {
  // `./`, not `.`: a full stop may follow, and `..` would say something else.
  if (name === '') return slash ? '' : './';
  return `${name}/`;
}

/** `/tmp`, `/work` alone: the top folders of the machine's own and the usual suspects. */
function topsPattern(paths: MachinePaths): RegExp {
  const tops = new Set(TOPS);
  for (const folder of [...paths.submission, ...paths.assignments, ...paths.root, ...paths.other]) {
    const top = folder.split('/')[1];
    if (top) tops.add(top);
  }
  for (const system of ['dev', 'proc', 'sys']) tops.delete(system);
  return new RegExp(String.raw`${START}/(?:${[...tops].map(escapeRegExp).join('|')})${END}(?!/)`, 'g');
}

/** The folders and, where it differs, the real path of each (a staged copy seen through a link). */
function withRealPaths(folders: readonly string[]): string[] {
  return folders.flatMap((folder) => {
    try {
      const real = fs.realpathSync.native(folder);
      return real === folder ? [folder] : [folder, real];
    } catch {
      return [folder];
    }
  });
}

function trimSlash(folder: string): string {
  return folder.length > 1 ? folder.replace(/\/+$/, '') : folder;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
