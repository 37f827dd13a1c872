/**
 * A process-wide value outlives jest's per-file module registries: a second instance of the
 * module (as the next test file of a worker gets) finds the value the first made, without
 * making it again.
 */
import { randomUUID } from 'node:crypto';

type ProcessWide = typeof import('../process-wide');

function freshInstance(): ProcessWide {
  let loaded: ProcessWide | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- another instance of the module, as the next test file gets
    loaded = require('../process-wide') as ProcessWide;
  });
  return loaded!;
}

describe('process-wide values', () => {
  it('are made once and found again by a new instance of the module', () => {
    const key = `test.${randomUUID()}`;
    const make = jest.fn(() => ({ made: key }));
    const first = freshInstance();
    const second = freshInstance();
    expect(second).not.toBe(first);
    const value = first.processWide(key, make);
    expect(second.processWide(key, make)).toBe(value);
    expect(make).toHaveBeenCalledTimes(1);
  });

  it('are kept apart by key', () => {
    const { processWide } = freshInstance();
    expect(processWide(`test.${randomUUID()}`, () => 1)).toBe(1);
    expect(processWide(`test.${randomUUID()}`, () => 2)).toBe(2);
  });
});
