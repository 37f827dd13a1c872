/**
 * The start of a run says, once, which tests skip here and why: one line per cause that holds
 * and skips a suite of the run, naming the suites. And every suite of socklab that can skip has
 * its cause among those announced.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SOCKLAB_SKIPS } from '../../testing/global-setup';
import { announceSkips, skipLine } from '../announce-skips';
import { HARNESS_SKIPS } from '../harness-skips';
import type { SkipCondition } from '../skip-condition';
import { filesCalling, testFiles } from '../suite-files';

const ROOT = path.resolve(__dirname, '..', '..', '..');

let project: string;

beforeAll(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'socklab-skips-'));
  const write = (file: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
    fs.writeFileSync(path.join(project, file), text);
  };
  write('a/one.test.ts', "describeWithWidget('x', () => {});");
  write('a/two.test.ts', "describeWithWidget('y', () => {});");
  write('b/plain.test.ts', "describe('z', () => {});");
  write('fixtures/ignored.test.ts', "describeWithWidget('w', () => {});");
  write('node_modules/pkg/dep.test.ts', "describeWithWidget('v', () => {});");
});

afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

/** What `announceSkips` writes for `conditions` in the temporary project. */
function announced(conditions: readonly SkipCondition[]): string {
  const written: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((text) => {
    written.push(String(text));
    return true;
  });
  try {
    announceSkips(conditions, { rootDir: project, testPathIgnorePatterns: ['/fixtures/'] });
  } finally {
    spy.mockRestore();
  }
  return written.join('');
}

describe('announcing the skips at the start of a run', () => {
  // Made-up calls: the names of real ones here would make this file a suite they skip.
  const widget = (cause: string | undefined): SkipCondition => ({ what: 'widget tests', cause: () => cause, calls: ['describeWithWidget('] });

  it('says each cause that holds once, naming the suites it skips (those jest runs)', () => {
    expect(announced([widget('no widget here')])).toBe('\nskipped here: widget tests (a/one.test.ts, a/two.test.ts): no widget here\n\n');
  });

  it('says nothing of a cause that does not hold, or that skips no suite of this run', () => {
    const unused: SkipCondition = { what: 'gadget tests', cause: () => 'no gadget here', calls: ['withGadget('] };
    expect(announced([widget(undefined), unused])).toBe('');
  });

  it('names a few suites and counts the rest', () => {
    expect(skipLine('w', 'why', ['a', 'b', 'c', 'd', 'e'])).toBe('skipped here: w (a, b, c and 2 more): why');
  });
});

describe("socklab's skips", () => {
  it('cover every skip in its test files: each decides by a condition announced', () => {
    const calls = [...HARNESS_SKIPS, ...SOCKLAB_SKIPS].flatMap((condition) => condition.calls);
    const files = testFiles({ rootDir: ROOT, testPathIgnorePatterns: ['/node_modules/', '/artifacts/', '/grader/tests/fixtures/'] });
    const uncovered = files.flatMap(({ file, text }) => {
      // A skip may decide by a constant set from a condition's call (`const skipCause = ` the call).
      const constants = [...text.matchAll(/const (\w+) = .*/g)].filter(([line]) => calls.some((call) => line.includes(call))).map(([, name]) => name ?? '');
      const decided = (line: string): boolean => calls.some((call) => line.includes(call)) || constants.some((name) => new RegExp(`\\b${name}\\b`).test(line));
      return text.split('\n').flatMap((line, index) => (/\b(describe|it|test)\.skip\b/.test(line) && !decided(line) ? [`${file}:${index + 1}`] : []));
    });
    expect(uncovered).toEqual([]);
    expect(filesCalling(files, ['.skip']).length).toBeGreaterThan(0);
  });
});
