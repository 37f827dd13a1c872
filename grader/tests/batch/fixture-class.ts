/**
 * A class of submissions for the batch's tests and benchmark: copies of the reference, of the
 * starter and of the fixture stacks with bugs (one that throws, one that exits, one that loops,
 * one that does not compile, one that gets the wrong fd), some as zip files, one as a student
 * repository, graded against the fixture milestone (a few seconds each). Each copy is a separate
 * folder, as each student's is.
 */
import AdmZip from 'adm-zip';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { STUDENT_CONFIG, submissionDir } from '../../../harness/loader';
import { fixture, FIXTURES } from '../helpers';

/** The kinds of submission, in the order a class cycles through them. */
export const KINDS = ['reference', 'starter', 'throws-in-call', 'reference-zip', 'second-fd', 'throws-in-create', 'exits', 'compile-error', 'starter-zip', 'repository', 'loops'] as const;
export type Kind = (typeof KINDS)[number];

/** The kinds that are heavy to grade (a loop waits out its watchdog): one each per class. */
const ONCE: readonly Kind[] = ['loops'];

export interface ClassMember {
  /** The entry's name in the class folder (a zip's without `.zip`). */
  readonly name: string;
  readonly kind: Kind;
}

/** Write `count` submissions into `classDir` (made if missing); returns them in name order. */
export function writeFixtureClass(classDir: string, count: number): ClassMember[] {
  fs.mkdirSync(classDir, { recursive: true });
  const cycle = KINDS.filter((kind) => !ONCE.includes(kind));
  const kinds: Kind[] = [...ONCE, ...Array.from({ length: count - ONCE.length }, (_, i) => cycle[i % cycle.length]!)];
  const members = kinds.map((kind, i) => ({ name: `student-${String(i + 1).padStart(2, '0')}-${kind}`, kind }));
  for (const member of members) writeMember(classDir, member);
  return members;
}

/** The folder a kind's submission is copied from. */
export function sourceOf(kind: Kind): string {
  if (kind === 'reference' || kind === 'reference-zip' || kind === 'repository') return submissionDir('reference');
  if (kind === 'starter' || kind === 'starter-zip') return submissionDir('starter');
  if (kind === 'compile-error') return fixture('compile-error');
  return path.join(FIXTURES, 'submissions', kind);
}

function writeMember(classDir: string, { name, kind }: ClassMember): void {
  const source = sourceOf(kind);
  if (kind.endsWith('-zip')) {
    // Zipped as "compress this folder" does: everything inside one top-level folder.
    const zip = new AdmZip();
    zip.addLocalFolder(source, 'stack');
    zip.writeZip(path.join(classDir, `${name}.zip`));
  } else if (kind === 'repository') {
    // A student's clone (scripts/export-student): socklab.json names the stack folder beside its own copies.
    const repository = path.join(classDir, name);
    fs.mkdirSync(path.join(repository, '.git'), { recursive: true });
    fs.writeFileSync(path.join(repository, STUDENT_CONFIG), JSON.stringify({ stack: 'stack' }));
    fs.cpSync(source, path.join(repository, 'stack'), { recursive: true });
  } else {
    fs.cpSync(source, path.join(classDir, name), { recursive: true });
  }
}
