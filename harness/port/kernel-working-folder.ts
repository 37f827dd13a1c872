/**
 * The working folder of a kernel process: an empty folder of its own (DESIGN §6, Integrity),
 * which the judge removes when the process ends. A judge killed before its kernel processes (a
 * grading that ran out of time, whose process group is killed whole) removes nothing, so each
 * folder is named after the judge that made it, and the first kernel process a judge starts
 * removes the folders of judges that are gone.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { processWide } from './process-wide';

const PREFIX = 'socklab-kernel-';
/** `socklab-kernel-<pid of the judge>-<random>`, as mkdtemp completes it. */
const NAMED = /^socklab-kernel-(\d+)-/;

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove the kernel working folders in `parent` whose judge no longer runs; returns their names. */
export function removeLeftFolders(parent = os.tmpdir()): string[] {
  const left = fs.readdirSync(parent).filter((name) => {
    const judge = NAMED.exec(name)?.[1];
    return judge !== undefined && !running(Number(judge));
  });
  for (const name of left) fs.rmSync(path.join(parent, name), { recursive: true, force: true });
  return left;
}

/** A new, empty working folder for a kernel process of this judge. */
export function kernelWorkingFolder(): string {
  processWide('leftKernelFoldersRemoved', () => removeLeftFolders());
  return fs.mkdtempSync(path.join(os.tmpdir(), `${PREFIX}${process.pid}-`));
}
