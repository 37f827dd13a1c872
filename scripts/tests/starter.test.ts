import * as ts from 'typescript';
import * as contract from '../../harness/contract';
import { NotImplemented, type KernelEnv } from '../../harness/contract';
import { createKernel } from '../../starter';
import { diffTrees, readTree, REFERENCE_DIR, STARTER_DIR } from '../starter/files';
import { generateStarter, StarterError } from '../starter/generate';
import { splitSolution } from '../export-student/solution-lines';

const reference = readTree(REFERENCE_DIR);

/** The problems generation reports for one file called x.ts, or [] when it succeeds. */
function problemsOf(text: string): readonly string[] {
  try {
    generateStarter(new Map([['x.ts', text]]));
    return [];
  } catch (error) {
    if (error instanceof StarterError) return error.problems;
    throw error;
  }
}

describe('the checked-in starter', () => {
  it('is what `npm run starter:build` generates from reference/', () => {
    const stale = diffTrees(generateStarter(reference), readTree(STARTER_DIR));
    expect(stale).toEqual([]); // if not: run `npm run starter:build`
  });

  it('would be reported stale after a change to the reference', () => {
    const changed = new Map(reference).set('checksum.ts', `${reference.get('checksum.ts')}\n// changed\n`);
    expect(diffTrees(generateStarter(changed), readTree(STARTER_DIR))).toEqual(['checksum.ts (differs)']);
  });

  it('leaves the reference tests out', () => {
    expect([...reference.keys()].some((file) => file.startsWith('tests/'))).toBe(true);
    expect([...generateStarter(reference).keys()].some((file) => file.startsWith('tests/'))).toBe(false);
  });

  it('keeps no marker and no line of any solution region (except lines the given code has too)', () => {
    const starter = generateStarter(reference);
    const leaks: string[] = [];
    for (const [file, text] of reference) {
      const generated = starter.get(file);
      if (generated === undefined) continue;
      const { solution, given } = splitSolution(file, text);
      const generatedLines = new Set(generated.split('\n').map((line) => line.trim()));
      for (const { text: line } of solution) {
        if (generatedLines.has(line) && !given.includes(line)) leaks.push(`${file}: ${line}`);
      }
      for (const line of generatedLines) {
        if (line.startsWith('// @solution')) leaks.push(`${file}: ${line}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('builds a kernel without reaching a stub; the first packet or syscall does', () => {
    const env: KernelEnv = { address: '10.0.0.2', mtu: 1500, now: () => 0, random: () => 0.5, transmit: () => undefined };
    const kernel = createKernel(env);
    const fd = kernel.socket('udp');
    expect(() => kernel.bind(fd, { address: '0.0.0.0', port: 7 })).toThrow(NotImplemented);
    // A header that passes every check before the checksum: version 4, IHL 5, Total Length 28.
    const packet = Uint8Array.of(0x45, 0, 0, 28, ...new Uint8Array(24));
    expect(() => kernel.receive(packet)).toThrow(/not implemented \(m1: .*checksum/);
  });
});

describe('solution markers', () => {
  const body = (lines: string): string => `export function f(a: number): number {\n${lines}}\n`;

  it('report a begin without an end, and an end without a begin, by file:line', () => {
    expect(problemsOf(body('  // @solution m1 begin: f\n  return a;\n'))).toEqual(['x.ts:2: @solution begin without an end']);
    expect(problemsOf(body('  return a;\n  // @solution end\n'))).toEqual(['x.ts:3: @solution end without a begin']);
  });

  it('report a nested begin by file:line', () => {
    const nested = body('  // @solution m1 begin: outer\n  // @solution m1 begin: inner\n  return a;\n  // @solution end\n');
    expect(problemsOf(nested)).toEqual(['x.ts:3: @solution begin inside the region begun at line 2: regions do not nest']);
  });

  it('report a malformed marker and a region that is not a whole function body', () => {
    expect(problemsOf(body('  // @solution m1 start: f\n  return a;\n'))[0]).toMatch(/^x\.ts:2: malformed marker/);
    const partial = body('  const b = a;\n  // @solution m1 begin: f\n  return b;\n  // @solution end\n');
    expect(problemsOf(partial)[0]).toMatch(/^x\.ts:3: a solution region must be the whole body of a function or method/);
  });
});

describe('a stub', () => {
  it("throws NotImplemented with the region's milestone and what", () => {
    const what = "compute the checksum (don't panic)";
    const reference = new Map([
      [
        'x.ts',
        [
          "import { SocketError } from '../harness/contract';",
          'export function f(a: number, { b }: { b: number }): number {',
          `  // @solution m3 begin: ${what}`,
          "  if (a < b) throw new SocketError('EINVAL');",
          '  return a;',
          '  // @solution end',
          '}',
        ].join('\n'),
      ],
    ]);
    const generated = generateStarter(reference).get('x.ts') ?? '';
    expect(generated).not.toContain('SocketError');
    expect(generated).toContain('void a;\n  void b;\n');

    const exported = evaluate(generated);
    expect(() => exported.f?.(1, { b: 2 })).toThrow(NotImplemented);
    expect(() => exported.f?.(1, { b: 2 })).toThrow(expect.objectContaining({ milestone: 'm3', what }));
  });
});

/** Run a generated CommonJS-compiled starter file whose only import is the contract. */
function evaluate(source: string): { f?: (a: number, options: { b: number }) => number } {
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  const module = { exports: {} };
  const require = (name: string): unknown => {
    if (name !== '../harness/contract') throw new Error(`unexpected import ${name}`);
    return contract;
  };
  new Function('require', 'module', 'exports', outputText)(require, module, module.exports);
  return module.exports;
}
