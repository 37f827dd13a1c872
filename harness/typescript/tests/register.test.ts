/**
 * The commands' loader (register.js), as `node -r` runs it: a TypeScript file runs, its stack
 * traces name TypeScript lines, a syntax error stops it with the compiler's message, and a file
 * seen before loads from the cache without the compiler.
 */
import execa from 'execa';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REGISTER = path.resolve(__dirname, '..', 'register.js');

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'socklab-register-'));
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Run `main` (TypeScript) with the loader; `files` are written beside it first. */
function run(files: Record<string, string>) {
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return execa(process.execPath, ['-r', REGISTER, path.join(dir, 'main.ts')], { cwd: dir, reject: false });
}

/** A line no earlier run can have cached: the test's own cache entries are new. */
const unique = (): string => `// ${process.pid} ${Date.now()} ${Math.random()}\n`;

describe('harness/typescript/register.js', () => {
  it('runs TypeScript that imports TypeScript, with types erased', async () => {
    const result = await run({
      'main.ts': `${unique()}import { twice } from './lib';\nconst n: number = twice(21);\nconsole.log(n);\n`,
      'lib.ts': `${unique()}export function twice(x: number): number {\n  return 2 * x;\n}\n`,
    });
    expect({ exitCode: result.exitCode, stdout: result.stdout }).toEqual({ exitCode: 0, stdout: '42' });
  });

  it('names the TypeScript line in a stack trace', async () => {
    const result = await run({ 'main.ts': `${unique()}interface Unused {\n  a: number;\n}\nthrow new Error('boom');\n` });
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain(`${path.join(dir, 'main.ts')}:5:`);
  });

  it('stops at a syntax error, naming the file, line and column, and caches nothing for it', async () => {
    const files = { 'main.ts': `${unique()}import './broken';\n`, 'broken.ts': `${unique()}export const x: number = ;\n` };
    for (let i = 0; i < 2; i++) {
      const result = await run(files);
      expect(result.exitCode).not.toBe(0);
      expect(result.stderr).toContain('TypeScript cannot read this file:\nbroken.ts:2:26 Expression expected.');
    }
  });

  it('loads a file it has seen from the cache, without loading the compiler', async () => {
    const compilerLoaded = "Object.keys(require.cache).some((file) => file.includes(require('node:path').join('node_modules', 'typescript', 'lib')))";
    const text = `${unique()}console.log(${compilerLoaded});\n`;
    expect((await run({ 'main.ts': text })).stdout).toBe('true');
    expect((await run({ 'main.ts': text })).stdout).toBe('false');
  });
});
