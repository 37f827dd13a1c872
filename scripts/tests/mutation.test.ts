/** The mutation record's bookkeeping: merging a run of some files into it, and its summary. */
import type { schema } from '@stryker-mutator/api/core' with { 'resolution-mode': 'import' };
import { mergeReports } from '../mutation/merge';
import { summarize, type EquivalentMutant } from '../mutation/summary';

type Mutant = schema.MutantResult;

function mutant(id: string, line: number, status: Mutant['status'], tests: Partial<Pick<Mutant, 'coveredBy' | 'killedBy'>> = {}): Mutant {
  const location = { start: { line, column: 5 }, end: { line, column: 9 } };
  return { id, mutatorName: 'EqualityOperator', replacement: 'a <= b', location, status, ...tests };
}

/** A report whose suite has the tests `names` (numbered in that order) of one file. */
function report(files: Record<string, Mutant[]>, names: readonly string[]): schema.MutationTestResult {
  const tests = names.map((name, index) => ({ id: String(index), name }));
  return {
    schemaVersion: '1.0',
    thresholds: { high: 80, low: 60 },
    files: Object.fromEntries(Object.entries(files).map(([file, mutants]) => [file, { language: 'typescript', source: '', mutants }])),
    testFiles: { 'assignments/m1-udp/tests/public/bind.test.ts': { tests } },
  };
}

describe('merging a run of some files into the record', () => {
  const previous = report(
    {
      'reference/udp.ts': [mutant('1', 10, 'Killed', { coveredBy: ['0', '1'], killedBy: ['1'] })],
      'reference/ports.ts': [mutant('2', 20, 'Survived', { coveredBy: ['1'] })],
      'reference/gone.ts': [mutant('3', 30, 'Survived')],
    },
    ['first', 'second'],
  );
  // The fresh run numbers the tests in another order, and one test is new.
  const fresh = report({ 'reference/ports.ts': [mutant('1', 20, 'Killed', { coveredBy: ['2'], killedBy: ['2'] })] }, ['new', 'first', 'second']);
  const merged = mergeReports(previous, fresh, ['reference/udp.ts', 'reference/ports.ts']);

  test("the run's files replace the record's, and files no longer mutated drop out", () => {
    expect(Object.keys(merged.files).sort()).toEqual(['reference/ports.ts', 'reference/udp.ts']);
    expect(merged.files['reference/ports.ts']?.mutants[0]?.status).toBe('Killed');
  });

  test("the kept files' mutants name their tests by the run's numbering", () => {
    expect(merged.files['reference/udp.ts']?.mutants[0]).toMatchObject({ coveredBy: ['1', '2'], killedBy: ['2'] });
    expect(merged.testFiles).toEqual(fresh.testFiles);
  });

  test('a test gone from the suites drops out of the mutants that named it', () => {
    const without = report({ 'reference/ports.ts': [] }, ['second']);
    expect(mergeReports(previous, without, ['reference/udp.ts', 'reference/ports.ts']).files['reference/udp.ts']?.mutants[0]).toMatchObject({
      coveredBy: ['0'],
      killedBy: ['0'],
    });
  });

  test('with no record yet, the run is the record', () => {
    expect(mergeReports(undefined, fresh, ['reference/ports.ts'])).toEqual(fresh);
  });

  test("a mutant's reason keeps its first line, the failure's headline, and not the whole report", () => {
    const killed = { ...mutant('1', 20, 'Killed'), statusReason: 'PacketMismatch: expected a RST\n\nseed: 1\nladder...' };
    const run = report({ 'reference/ports.ts': [killed] }, ['first']);
    expect(mergeReports(previous, run, ['reference/ports.ts']).files['reference/ports.ts']?.mutants[0]?.statusReason).toBe('PacketMismatch: expected a RST');
    expect(mergeReports(undefined, run, ['reference/ports.ts']).files['reference/ports.ts']?.mutants[0]?.statusReason).toBe('PacketMismatch: expected a RST');
  });
});

describe('the summary', () => {
  const MUTATED = ['reference/udp.ts', 'reference/ports.ts'];
  const run = report(
    {
      'reference/udp.ts': [mutant('1', 10, 'Killed'), mutant('2', 12, 'Survived'), mutant('3', 11, 'NoCoverage'), mutant('4', 13, 'Timeout')],
    },
    [],
  );
  const listed = (line: number, reason: string): EquivalentMutant => ({
    file: 'reference/udp.ts',
    line,
    column: 5,
    mutator: 'EqualityOperator',
    replacement: 'a <= b',
    reason,
  });

  test('counts detected over detected and undetected, and again with the equivalent mutants set aside', () => {
    const text = summarize('m1-udp', run, [listed(12, 'the two branches do the same')], MUTATED);
    expect(text).toContain('| all | 4 | 1 | 1 | 1 | 1 | 0 | 50.00% | 66.67% |');
    expect(text).toContain('| reference/udp.ts | 4 | 1 | 1 | 1 | 1 | 0 | 50.00% | 66.67% |');
  });

  test('lists every survivor in line order, with the reason when it is equivalent and as a test gap when not', () => {
    const rows = summarize('m1-udp', run, [listed(12, 'the two branches do the same')], MUTATED)
      .split('\n')
      .filter((line) => /^\| reference\/udp\.ts:/.test(line));
    expect(rows).toEqual([
      '| reference/udp.ts:11:5 | EqualityOperator | `a <= b` | NoCoverage | **not equivalent: a test gap** |',
      '| reference/udp.ts:12:5 | EqualityOperator | `a <= b` | Survived | the two branches do the same |',
    ]);
  });

  test('shows an emptied template string in a double-backtick span, so the table keeps its columns', () => {
    const emptied = report({ 'reference/udp.ts': [{ ...mutant('1', 10, 'Survived'), mutatorName: 'StringLiteral', replacement: '``' }] }, []);
    expect(summarize('m1-udp', emptied, [], MUTATED)).toContain('| reference/udp.ts:10:5 | StringLiteral | `` `` `` | Survived |');
  });

  test('names the milestone files the record does not measure yet', () => {
    expect(summarize('m1-udp', run, [], MUTATED)).toContain('Not measured yet: reference/ports.ts.');
    expect(summarize('m1-udp', run, [], ['reference/udp.ts'])).toContain('All 1 files of the milestone are measured.');
  });

  test('names the entries of equivalent.json that match no survivor, which must be fixed or removed', () => {
    expect(summarize('m1-udp', run, [listed(10, 'killed since')], MUTATED)).toContain(
      "## Entries of equivalent.json that match no survivor: 1\n\n- reference/udp.ts:10:5 EqualityOperator `a <= b`",
    );
  });
});
