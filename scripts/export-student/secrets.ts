/**
 * What a student repository must never contain: the reference's solutions and the hidden tests.
 *
 * - **Solution lines**: every line inside a `@solution` region of reference/.
 * - **Hidden lines**: every line of a hidden test, or of a support file only hidden tests import,
 *   so that a hidden test is found wherever it is copied, under any name.
 * - **Hidden test names**: `hidden/<file>` as milestone.json and reports name them, and the bare
 *   file name where no public test has the same one (`fuzz.test.ts`); and the hidden-only support
 *   files by path.
 * - **Hidden test titles** of at least {@link MIN_TITLE_WORDS} words (a describe block named
 *   `bind` is not distinctive; a sentence is).
 *
 * Whatever students get anyway is never a secret, so that the check cannot fail on what it must
 * allow: a line the reference's given code has too (a lone `}` or `return;`, which the starter
 * keeps), or the starter, the harness, a handout or a public test has; and a line without a letter
 * or a digit (`});`), which gives nothing away.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readTree } from '../starter/files';
import { frameworkFiles } from './framework-files';
import { ASSIGNMENTS, milestoneFiles, milestoneIds, type MilestoneFiles } from './milestone-files';
import { splitSolution } from './solution-lines';
import { testTitles } from './test-titles';

/** Shorter titles (describe blocks such as `bind`) are too common to give a hidden test away. */
export const MIN_TITLE_WORDS = 3;

/** Each secret, with why it is one. */
export interface Secrets {
  /** Trimmed lines no exported file may have. */
  readonly lines: ReadonlyMap<string, string>;
  /** Strings neither the text nor the path of an exported file may contain. */
  readonly strings: ReadonlyMap<string, string>;
  /** Paths no exported file may have. */
  readonly paths: ReadonlyMap<string, string>;
}

/** The secrets of the socklab repository at `root`: every milestone's, whichever are exported. */
export function frameworkSecrets(root: string): Secrets {
  const milestones = milestoneIds(root).map((id) => milestoneFiles(root, id));
  const read = (file: string): string => fs.readFileSync(path.join(root, file), 'utf8');
  const reference = [...readTree(path.join(root, 'reference'))].filter(([file]) => file.endsWith('.ts') && !file.split('/').includes('tests'));
  const split = reference.map(([file, text]) => ({ file, ...splitSolution(file, text) }));

  const publicTexts = [...frameworkFiles(root), ...milestones.flatMap((m) => m.publicFiles)].map(read).concat([...readTree(path.join(root, 'starter')).values()]);
  const publicLines = new Set([...split.flatMap((file) => file.given), ...publicTexts.flatMap(trimmedLines)]);
  const publicText = publicTexts.join('\n');

  const lines = new Map<string, string>();
  const addLine = (line: string, why: string): void => {
    if (/[a-z0-9]/i.test(line) && !publicLines.has(line) && !lines.has(line)) lines.set(line, why);
  };
  for (const { file, solution } of split) {
    for (const { text, region } of solution) addLine(text, `solution of reference/${file}:${region.beginLine} (${region.milestone}: ${region.what})`);
  }
  for (const milestone of milestones) {
    for (const file of [...milestone.hiddenTests, ...milestone.hiddenOnly]) for (const line of trimmedLines(read(file))) addLine(line, `line of ${file}, which is hidden`);
  }

  const strings = new Map<string, string>();
  const paths = new Map<string, string>();
  const publicFiles = new Set(milestones.flatMap((m) => m.publicFiles));
  const publicNames = new Set([...publicFiles].map((file) => path.posix.basename(file)));
  for (const milestone of milestones) {
    for (const file of milestone.hiddenTests) {
      const name = hiddenName(milestone, file);
      strings.set(name, `name of a hidden test file of ${milestone.id}`);
      if (!publicNames.has(path.posix.basename(file))) strings.set(path.posix.basename(file), `name of a hidden test file of ${milestone.id}`);
      for (const title of file.endsWith('.ts') ? testTitles(file, read(file)) : []) {
        if (title.split(/\s+/).length >= MIN_TITLE_WORDS) strings.set(title, `title of a hidden test in ${milestone.id}/tests/${name}`);
      }
    }
    // A support file of another milestone's public tests (m1's, which m2's hidden tests reuse) is exported anyway.
    for (const file of milestone.hiddenOnly) if (!publicFiles.has(file)) paths.set(file, `support file only hidden tests of ${milestone.id} use`);
  }
  for (const text of strings.keys()) if (publicText.includes(text)) strings.delete(text);
  return { lines, strings, paths };
}

function trimmedLines(text: string): string[] {
  return text.split('\n').map((line) => line.trim());
}

/** `hidden/bind.test.ts`: a hidden test's path within its milestone's tests/ folder, as the grader names it. */
function hiddenName(milestone: MilestoneFiles, file: string): string {
  return file.slice(`${ASSIGNMENTS}/${milestone.id}/tests/`.length);
}
