/**
 * Staging copies regular files only: links are copied when what they name is inside the
 * submission and refused otherwise; special, oversized and surplus files are refused with a reason.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cannotLoadReason } from '../compile-check';
import { MAX_FILE_BYTES, MAX_FILES, readSubmission } from '../staging';
import { scratchDir } from './helpers';

function submission(build: (dir: string) => void): ReturnType<typeof readSubmission> {
  const dir = scratchDir();
  fs.writeFileSync(path.join(dir, 'index.ts'), 'export {};\n');
  build(dir);
  return readSubmission(dir);
}

const names = (staged: ReturnType<typeof readSubmission>): string[] => staged.files.map((file) => file.relative);

describe('staging a submission', () => {
  it('copies regular files, and a link to a file or folder inside the submission as a copy of it', () => {
    const staged = submission((dir) => {
      fs.mkdirSync(path.join(dir, 'lib'));
      fs.writeFileSync(path.join(dir, 'lib', 'a.ts'), 'a');
      fs.symlinkSync('lib/a.ts', path.join(dir, 'b.ts'));
      fs.symlinkSync('lib', path.join(dir, 'more'));
    });
    expect(names(staged)).toEqual(['b.ts', 'index.ts', 'lib/a.ts', 'more/a.ts']);
    expect(staged.files.find((file) => file.relative === 'b.ts')?.bytes.toString()).toBe('a');
    expect(staged.refused).toEqual([]);
  });

  it('refuses links out of the submission, dangling links and cycles, and says why', () => {
    const staged = submission((dir) => {
      fs.symlinkSync('/', path.join(dir, 'root'));
      fs.symlinkSync('../../assignments', path.join(dir, 'assignments'));
      fs.symlinkSync('nowhere.ts', path.join(dir, 'dangling.ts'));
      fs.symlinkSync('.', path.join(dir, 'self'));
    });
    expect(names(staged)).toEqual(['index.ts']);
    expect(staged.refused).toEqual([
      { path: 'assignments', reason: `it is a symbolic link to ../../assignments, which is not a file or folder of the submission` },
      { path: 'dangling.ts', reason: 'it is a symbolic link to nowhere.ts, which is not a file or folder of the submission' },
      { path: 'root', reason: 'it is a symbolic link to /, which is not a file or folder of the submission' },
      { path: 'self', reason: 'it is a link to a folder that contains it (a cycle)' },
    ]);
  });

  it('gives a link to a path outside that exists the same reason as one to a path that does not: staging tells nothing of the machine', () => {
    const staged = submission((dir) => {
      fs.symlinkSync('/etc/passwd', path.join(dir, 'present'));
      fs.symlinkSync('/etc/socklab-no-such-file', path.join(dir, 'absent'));
    });
    const [absent, present] = staged.refused.map((refusal) => refusal.reason.replace(/to \S+,/, 'to X,'));
    expect(absent).toBe(present);
  });

  it('refuses named pipes and links to devices without reading them', () => {
    const staged = submission((dir) => {
      execFileSync('mkfifo', [path.join(dir, 'pipe')]);
      fs.symlinkSync('/dev/zero', path.join(dir, 'zero'));
    });
    expect(staged.refused).toEqual([
      { path: 'pipe', reason: 'it is a named pipe, not a regular file' },
      { path: 'zero', reason: 'it is a symbolic link to /dev/zero, which is not a file or folder of the submission' },
    ]);
  });

  it('refuses a file over the size limit (a sparse 3 GiB file is not read) and files over the count', () => {
    const staged = submission((dir) => {
      fs.writeFileSync(path.join(dir, 'huge.bin'), '');
      fs.truncateSync(path.join(dir, 'huge.bin'), 3 * 1024 ** 3);
      fs.writeFileSync(path.join(dir, 'big.ts'), Buffer.alloc(MAX_FILE_BYTES + 1));
      fs.mkdirSync(path.join(dir, 'many'));
      for (let i = 0; i < MAX_FILES; i++) fs.writeFileSync(path.join(dir, 'many', `${i}`), '');
    });
    expect(staged.files).toHaveLength(MAX_FILES);
    expect(staged.refused.slice(0, 2)).toEqual([
      { path: 'big.ts', reason: `it is ${MAX_FILE_BYTES + 1} bytes, over the limit of ${MAX_FILE_BYTES} bytes per file` },
      { path: 'huge.bin', reason: `it is ${3 * 1024 ** 3} bytes, over the limit of ${MAX_FILE_BYTES} bytes per file` },
    ]);
    expect(staged.refused.slice(2)).toEqual([{ path: expect.stringMatching(/^many\//), reason: `the submission has more than ${MAX_FILES} files` }]);
  });
});

describe('the reason a staged stack cannot load', () => {
  it('names the entry file staging left out, and why, rather than calling it missing', () => {
    const empty = scratchDir();
    expect(cannotLoadReason(empty, [{ path: 'index.ts', reason: `the submission has more than ${MAX_FILES} files` }])).toBe(
      `the submission's index.ts was left out of the graded copy: the submission has more than ${MAX_FILES} files`,
    );
    expect(cannotLoadReason(empty, [{ path: 'gen/0.ts', reason: 'a FIFO' }])).toMatch(/^the submission has no index\.ts exporting createKernel/);
  });
});
