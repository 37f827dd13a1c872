import * as path from 'node:path';
import { main } from '../cli';
import { probeTun } from '../../phy/tun/probe';

const SCRIPTS = path.join(__dirname, 'scripts');

/** Run the CLI; its exit code and what it printed. */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void out.push(parts.join(' ')));
  const error = jest.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void err.push(parts.join(' ')));
  try {
    const code = await main(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('npm run script', () => {
  it('exits 0 when every script passes', async () => {
    const { code, out } = await cli('--stack', 'reference', path.join(SCRIPTS, 'udp/echo.pkt'), path.join(SCRIPTS, 'udp/bind-errors.pkt'));
    expect(code).toBe(0);
    expect(out).toMatch(/echo\.pkt: passed on reference \(9 lines, 0\.210 s, seed 1\)/);
    expect(out).toMatch(/bind-errors\.pkt: passed on reference/);
  });

  it('exits 1 and prints the report when a script fails', async () => {
    const { code, out } = await cli('--stack=reference', path.join(SCRIPTS, 'udp-wrong/wrong-length.pkt'), '--seed', '42');
    expect(code).toBe(1);
    expect(out).toMatch(/wrong-length\.pkt:7: wrong packet/);
    expect(out).toMatch(/seed: +42 +\(rerun just this: npm run script -- (?!--stack)\S+wrong-length\.pkt --seed 42\)/);
  });

  it('the same seed gives the same report; the harness ISN comes from the seed', async () => {
    const wrong = path.join(SCRIPTS, 'udp-wrong/wrong-length.pkt');
    const first = await cli('--stack', 'reference', wrong, '--seed', '3');
    const again = await cli('--stack', 'reference', wrong, '--seed', '3');
    const other = await cli('--stack', 'reference', wrong, '--seed', '4');
    expect(again.out).toBe(first.out);
    const isn = (out: string): string => /harness ISN (\d+)/.exec(out)![1]!;
    expect(isn(other.out)).not.toBe(isn(first.out));
  });

  it.each([
    [['--stack', 'linux', 'x.pkt'], probeTun().ok ? 'no such script: x.pkt' : '--stack linux cannot run here'],
    [['--stack', 'reference'], 'no script given'],
    [['--stack', 'reference', '--fast', 'x.pkt'], 'unknown option --fast'],
    [['--seed', 'abc', 'x.pkt'], '--seed takes an integer'],
    [['--stack', '/no/such/stack', 'x.pkt'], 'no stack at /no/such/stack'],
    [['--stack', 'reference', '/no/such/script.pkt'], 'no such script: /no/such/script.pkt'],
  ])('exits 2 on a usage error: %j', async (args, message) => {
    const { code, err } = await cli(...args);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });

  it('exits 2 with the line and column when a script does not parse', async () => {
    const { code, err } = await cli('--stack', 'reference', path.join(SCRIPTS, 'does-not-parse.pkt'));
    expect(code).toBe(2);
    expect(err).toMatch(/does-not-parse\.pkt, line 3, column 22: expected ',' or '\)' in the arguments of bind, found '='/);
  });

  it('--help prints the usage', async () => {
    const { code, out } = await cli('--help');
    expect(code).toBe(0);
    expect(out).toContain('usage: npm run script --');
  });
});
