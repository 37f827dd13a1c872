import { scriptTestName } from '../script-title';

describe('scriptTestName', () => {
  it("names a script's test after its file and the first sentence of its opening comment", () => {
    const source = '// A port is open while a socket holds it: before bind, a datagram is refused.\n// More.\n0 socket(...) = 3\n';
    expect(scriptTestName('closed-port.pkt', source)).toBe('closed-port.pkt: A port is open while a socket holds it: before bind, a datagram is refused');
  });

  it('joins a sentence that goes on over several comment lines, and stops at the first line of the script', () => {
    const source = '// Data that arrives after close()\n// can never be read\n0 socket(...) = 3\n// a later comment.\n';
    expect(scriptTestName('x.pkt', source)).toBe('x.pkt: Data that arrives after close() can never be read');
  });

  it('cuts a first sentence longer than 120 characters at a word, and says so', () => {
    const name = scriptTestName('long.pkt', `// ${'word '.repeat(40)}end.\n`);
    expect(name).toBe(`long.pkt: ${'word '.repeat(24).trim()}…`);
  });

  it('refuses a script that does not open with a comment, naming the file', () => {
    expect(() => scriptTestName('bare.pkt', '0 socket(...) = 3\n')).toThrow('bare.pkt: a script opens with a // comment');
  });
});
