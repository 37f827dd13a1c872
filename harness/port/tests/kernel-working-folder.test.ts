/**
 * A kernel process's working folder is its own, and one left behind by a judge that was killed
 * (its kernel processes with it) is removed by the next judge, never one whose judge still runs.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { kernelWorkingFolder, removeLeftFolders } from '../kernel-working-folder';

/** The pid of a process that has ended. */
function endedPid(): number {
  const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(ended.stdout);
}

describe('kernel working folders', () => {
  let parent: string;
  beforeEach(() => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'socklab-folders-test-'));
  });
  afterEach(() => fs.rmSync(parent, { recursive: true, force: true }));

  it('removes the folders of judges that are gone, with what they hold, and keeps the rest', () => {
    const gone = endedPid();
    const make = (name: string) => fs.mkdirSync(path.join(parent, name));
    make(`socklab-kernel-${gone}-aB3dE9`);
    fs.writeFileSync(path.join(parent, `socklab-kernel-${gone}-aB3dE9`, 'left'), '');
    make(`socklab-kernel-${process.pid}-Xy12Z0`);
    make('socklab-kernel-aB3dE9');
    make('something-else');
    expect(removeLeftFolders(parent)).toEqual([`socklab-kernel-${gone}-aB3dE9`]);
    expect(fs.readdirSync(parent).sort()).toEqual(['socklab-kernel-aB3dE9', `socklab-kernel-${process.pid}-Xy12Z0`, 'something-else'].sort());
  });

  it('gives each kernel process a new empty folder named after this judge', () => {
    const [first, second] = [kernelWorkingFolder(), kernelWorkingFolder()];
    try {
      expect(first).not.toBe(second);
      for (const folder of [first, second]) {
        expect(path.basename(folder)).toMatch(new RegExp(`^socklab-kernel-${process.pid}-`));
        expect(fs.readdirSync(folder)).toEqual([]);
      }
    } finally {
      for (const folder of [first, second]) fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
