/**
 * Measured figures travel from a test to the report through a file the grader names: a test
 * records one only where the grader asked, and the grader keeps only whole, bounded figures, the
 * last value of each name.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIGURES_FILE_VARIABLE, recordFigure } from '../../harness/testkit/figures';
import { readFigures } from '../figures';
import { scratchDir } from './helpers';

const GOODPUT = { name: 'goodput at 1% loss', value: 6.71, unit: 'Mbit/s' };

describe('recording a figure', () => {
  test('appends it to the file the grader named', () => {
    const file = path.join(scratchDir(), 'figures.jsonl');
    recordFigure(GOODPUT, { [FIGURES_FILE_VARIABLE]: file });
    recordFigure({ ...GOODPUT, name: 'other' }, { [FIGURES_FILE_VARIABLE]: file });
    expect(readFigures(file)).toEqual([GOODPUT, { ...GOODPUT, name: 'other' }]);
  });

  test('writes nothing when no grader asked (a student’s npm test)', () => {
    const dir = scratchDir();
    recordFigure(GOODPUT, {});
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('refuses a value that is not a finite number', () => {
    const file = path.join(scratchDir(), 'figures.jsonl');
    expect(() => recordFigure({ ...GOODPUT, value: NaN }, { [FIGURES_FILE_VARIABLE]: file })).toThrow(/finite/);
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe('reading the figures', () => {
  test('skips what is not a whole figure, keeps the last value of a name, and bounds the count', () => {
    const file = path.join(scratchDir(), 'figures.jsonl');
    const lines = [
      JSON.stringify(GOODPUT),
      '{"name": "cut',
      JSON.stringify({ name: 'no unit', value: 1 }),
      JSON.stringify({ name: 'x'.repeat(121), value: 1, unit: 'u' }),
      JSON.stringify({ name: 'text', value: '7', unit: 'u' }),
      JSON.stringify({ ...GOODPUT, value: 7.5 }),
      ...Array.from({ length: 30 }, (_, i) => JSON.stringify({ name: `figure ${i}`, value: i, unit: 'u' })),
    ];
    fs.writeFileSync(file, lines.join('\n'));
    const figures = readFigures(file);
    expect(figures[0]).toEqual({ ...GOODPUT, value: 7.5 });
    expect(figures).toHaveLength(20);
    expect(figures.map((figure) => figure.name)).not.toContain('no unit');
  });

  test('finds none where no file was written', () => {
    expect(readFigures(path.join(scratchDir(), 'absent.jsonl'))).toEqual([]);
  });
});
