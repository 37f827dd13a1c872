import { Flags, UsageError } from '../flags';

/** Every argument `flags` reads, each flag with its value when `valued` names it. */
function read(argv: readonly string[], valued: readonly string[]): string[] {
  const flags = new Flags(argv);
  const seen: string[] = [];
  for (let flag = flags.next(); flag !== undefined; flag = flags.next()) seen.push(valued.includes(flag) ? `${flag}:${flags.value()}` : flag);
  return seen;
}

describe('the command line of a harness CLI', () => {
  it('reads a flag’s value after = or as the next argument, and other arguments as they are', () => {
    expect(read(['--stack=a=b', 'x.pkt', '--seed', '7', '-h', 'k=v'], ['--stack', '--seed'])).toEqual(['--stack:a=b', 'x.pkt', '--seed:7', '-h', 'k=v']);
  });

  it('says which flag lacks its value, at the end or after an empty =', () => {
    expect(() => read(['--seed'], ['--seed'])).toThrow(new UsageError('--seed needs a value'));
    expect(() => read(['--stack=', 'x'], ['--stack'])).toThrow(new UsageError('--stack needs a value'));
  });
});
