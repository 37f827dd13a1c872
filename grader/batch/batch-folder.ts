/**
 * The folder a batch writes: one finished folder per submission (`alice/`: its report, exports
 * and evidence), made whole or not at all. A submission is graded in a work folder under
 * `.incomplete/`, which is renamed into place only once everything in it is written; so a folder
 * named after a submission is always a finished grading, and a batch killed at any moment loses
 * only the gradings under way, which the next run of the batch redoes.
 *
 * A batch killed with SIGKILL cannot end its children: the jest runs it started (each in a process
 * group of its own) would go on grading into work folders nobody reads. Each work folder keeps
 * the groups started for it, and the next batch ends them before it removes the folder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../errors';
import { killGroup, processAlive } from '../process-group';

const INCOMPLETE = '.incomplete';
const GROUPS_FILE = '.process-groups';
const LOCK_FILE = '.batch.pid';

/** A submission being graded: the folder its outputs go to until it is finished. */
export interface WorkFolder {
  readonly dir: string;
  /** Remember a process group started for this grading (see the header). */
  recordGroup(pgid: number): void;
}

export class BatchFolder {
  readonly dir: string;

  /** Take the folder `dir` for this process: throws a UsageError while another batch is writing it. */
  constructor(dir: string) {
    this.dir = path.resolve(dir);
    fs.mkdirSync(this.dir, { recursive: true });
    this.lock();
  }

  /** The finished folder of submission `name`. */
  finished(name: string): string {
    return path.join(this.dir, name);
  }

  isFinished(name: string): boolean {
    return fs.existsSync(this.finished(name));
  }

  /**
   * End what an interrupted batch left running and remove its work folders; returns how many
   * gradings it had under way.
   */
  clearInterrupted(): number {
    const incomplete = path.join(this.dir, INCOMPLETE);
    const left = fs.existsSync(incomplete) ? fs.readdirSync(incomplete) : [];
    for (const work of left) {
      for (const pgid of readGroups(path.join(incomplete, work, GROUPS_FILE))) killGroup(pgid);
    }
    fs.rmSync(incomplete, { recursive: true, force: true });
    return left.length;
  }

  /** A new work folder for submission `name`. */
  startWork(name: string): WorkFolder {
    const incomplete = path.join(this.dir, INCOMPLETE);
    fs.mkdirSync(incomplete, { recursive: true });
    const dir = fs.mkdtempSync(path.join(incomplete, `${name}-`));
    const groups = path.join(dir, GROUPS_FILE);
    return { dir, recordGroup: (pgid) => fs.appendFileSync(groups, `${pgid}\n`) };
  }

  /** Move a finished grading into place, replacing an earlier one of `name` (a regrade). */
  finish(work: WorkFolder, name: string): void {
    fs.rmSync(path.join(work.dir, GROUPS_FILE), { force: true });
    const target = this.finished(name);
    if (fs.existsSync(target)) {
      // Renamed aside first: until the new grading is in place, the old one is still whole somewhere.
      const old = `${work.dir}.replaced`;
      fs.renameSync(target, old);
      fs.renameSync(work.dir, target);
      fs.rmSync(old, { recursive: true, force: true });
    } else {
      fs.renameSync(work.dir, target);
    }
  }

  /** Let the next batch have the folder, with no empty work area left in it. */
  release(): void {
    try {
      fs.rmdirSync(path.join(this.dir, INCOMPLETE));
    } catch (error) {
      // Unfinished work (grading itself failed) is kept for the next batch to clear; none at all is fine.
      if (!['ENOTEMPTY', 'ENOENT'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    }
    fs.rmSync(path.join(this.dir, LOCK_FILE), { force: true });
  }

  private lock(): void {
    const file = path.join(this.dir, LOCK_FILE);
    const holder = Number(fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : NaN);
    if (Number.isSafeInteger(holder) && holder !== process.pid && processAlive(holder)) {
      throw new UsageError(`another batch (process ${holder}) is writing ${this.dir}: wait for it, or give another --out`);
    }
    fs.writeFileSync(file, `${process.pid}\n`);
  }
}

function readGroups(file: string): number[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map(Number)
    .filter((pgid) => Number.isSafeInteger(pgid) && pgid > 1);
}
