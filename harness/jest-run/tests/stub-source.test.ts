/** A stub's line, read from the stack's source when no frame of a failure is in the stack. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stubFinder } from '../stub-source';

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'socklab-stub-source-'));
  fs.mkdirSync(path.join(dir, 'tcp'));
  fs.writeFileSync(
    path.join(dir, 'tcp', 'poll.ts'),
    [
      "import { NotImplemented } from '../../harness/contract';",
      '',
      'export function pollTcp(socket: unknown): number {',
      '  void socket;',
      "  throw new NotImplemented('m2', 'report the readiness of a TCP socket (as Linux\\'s tcp_poll)');",
      '}',
      '',
      'export class Table {',
      '  bind(port: number): void {',
      '    if (port === 0) {',
      '      void port;',
      '    }',
      '    throw new NotImplemented(',
      "      'm2',",
      "      'bind a TCP socket',",
      '    );',
      '  }',
      '}',
    ].join('\n'),
  );
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('where a stub throws, from the source', () => {
  it("finds the NotImplemented's line and the function around it, its text escaped as the source has it", () => {
    expect(stubFinder(dir)('m2', "report the readiness of a TCP socket (as Linux's tcp_poll)")).toEqual({ file: 'tcp/poll.ts', line: 5, fn: 'pollTcp' });
  });

  it('finds a call wrapped over lines, in a method (not the `if` above it)', () => {
    expect(stubFinder(dir)('m2', 'bind a TCP socket')).toEqual({ file: 'tcp/poll.ts', line: 13, fn: 'bind' });
  });

  it("finds nothing for another milestone's stub of the same words, nor in a missing folder", () => {
    expect(stubFinder(dir)('m1', 'bind a TCP socket')).toBeUndefined();
    expect(stubFinder(path.join(dir, 'missing'))('m2', 'bind a TCP socket')).toBeUndefined();
  });
});
