/**
 * The run's memory budget is the operating system's: memory outside the V8 heap (Buffers) counts,
 * processes count together, and the budget says when it ended a run.
 */
import execa from 'execa';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as budgetModule from '../budget';
import { memoryBudget, type Budget } from '../budget';

/** Fill `mb` MB of Buffers (argv), then hold them a moment. */
const HOLD = `const held = []; for (let i = 0; i < Number(process.argv[2]); i += 16) held.push(Buffer.alloc(16 * 1024 * 1024, 1));
setTimeout(() => console.log('survived'), 300);`;

/** Start `count` - 1 more processes that each do the same as {@link HOLD}, and hold as well. */
const FILL = `const [count, mb] = process.argv.slice(1);
for (let i = 1; i < Number(count); i++) require('child_process').spawn(process.execPath, ['-e', ${JSON.stringify(HOLD)}, '--', '-', mb], { stdio: 'ignore' });
${HOLD.replace('process.argv[2]', 'mb')}`;

async function fill(budgetMb: number, count: number, mb: number): Promise<{ reached: string | undefined; whole: boolean; survived: boolean }> {
  const budget = memoryBudget(budgetMb);
  try {
    const { command, args } = budget.wrap(process.execPath, ['-e', FILL, '--', String(count), String(mb)]);
    const run = await execa(command, args, { reject: false, timeout: 20_000 });
    return { reached: budget.reached(), whole: budget.whole, survived: run.exitCode === 0 && run.stdout.includes('survived') };
  } finally {
    budget.dispose();
  }
}

describe('the memory budget of a run', () => {
  it('lets a run within it go', async () => {
    const { reached, survived } = await fill(256, 1, 64);
    expect({ reached, survived }).toEqual({ reached: undefined, survived: true });
  });

  it('ends a run whose Buffers, outside any V8 heap, go past it, and says so', async () => {
    const { reached, whole, survived } = await fill(256, 1, 512);
    expect(survived).toBe(false);
    if (whole) expect(reached).toMatch(/memory budget of 256 MB .* was exhausted/);
  });

  it('is a group of its own even where an earlier one of this process stayed behind and the module was loaded afresh', () => {
    // An earlier budget whose group was not removed (a process of its run still dying), made by a
    // copy of the module as jest loads it for another test file of the same worker.
    let earlier: Budget | undefined;
    let later: Budget | undefined;
    jest.isolateModules(() => {
      earlier = jest.requireActual<typeof budgetModule>('../budget').memoryBudget(256);
    });
    jest.isolateModules(() => {
      later = jest.requireActual<typeof budgetModule>('../budget').memoryBudget(256);
    });
    try {
      expect(later!.whole).toBe(earlier!.whole);
      expect(later!.how).toBe(earlier!.how);
    } finally {
      earlier!.dispose();
      later!.dispose();
    }
  });

  it('removes the groups that graders which have exited left behind, and keeps those of a living one, where the machine has control groups', async () => {
    const first = memoryBudget(256);
    // The groups' folders, from the files a wrapped command enters.
    const parents = first.wrap('true', []).args.filter((arg) => arg.endsWith('cgroup.procs')).map((procs) => path.dirname(path.dirname(procs)));
    first.dispose();
    if (!first.whole) return;
    const exited = execa(process.execPath, ['-e', '0']);
    await exited;
    const dead = parents.map((parent) => path.join(parent, `socklab-${exited.pid!}-left-behind`));
    const living = parents.map((parent) => path.join(parent, `socklab-${process.pid}-still-running`));
    [...dead, ...living].forEach((dir) => fs.mkdirSync(dir));
    try {
      memoryBudget(256).dispose();
      expect(dead.filter((dir) => fs.existsSync(dir))).toEqual([]);
      expect(living.filter((dir) => fs.existsSync(dir))).toEqual(living);
    } finally {
      [...dead, ...living].filter((dir) => fs.existsSync(dir)).forEach((dir) => fs.rmdirSync(dir));
    }
  });

  it('counts the processes of a run together, where the machine has control groups', async () => {
    // Each process alone fits; together they do not, and the system kills one of them.
    const { reached, whole } = await fill(256, 3, 128);
    if (whole) expect(reached).toMatch(/memory budget of 256 MB/);
  });
});
