/**
 * TCP scripts against the reference stack (milestone 2), and the same scripts made wrong.
 */
import * as path from 'node:path';
import { runScriptFile } from '../../run-file';
import { scriptTests } from '../../script-tests';

describe('TCP scripts that pass on the reference', () => {
  scriptTests(path.join(__dirname, '../scripts/tcp'), { stack: 'reference' });
});

describe('TCP scripts that are wrong on purpose', () => {
  const run = (file: string, stack = 'reference') =>
    runScriptFile(path.join(__dirname, '../scripts', file), { stack, seed: 5, artifactFile: path.relative(path.resolve(__dirname, '../../../..'), __filename), artifactName: file });

  it('a wrong ack in the SYN-ACK is named, with relative numbers', async () => {
    const { passed, report } = await run('tcp-wrong/wrong-ack.pkt');
    expect(passed).toBe(false);
    expect(report).toMatch(/wrong-ack\.pkt:6: wrong packet/);
    expect(report).toMatch(/actual: +> S\. 0:0\(0\) ack 1 win \d+ <mss \d+> {3}at 0\.100 s/);
    expect(report).toContain('differs:  ack is 1, expected 2');
    // The ladder prints sequence numbers relative to each side's ISN too.
    expect(report).toMatch(/\|-+>\| +10\.0\.0\.1:8080 > 10\.0\.0\.2:5000: Flags \[S\.\], seq 0, ack 1,/);
  });

  it('an assertion on tcp_info that does not hold names each field, what it read and what the line asked', async () => {
    const { passed, report } = await run('tcp-wrong/wrong-cwnd.pkt');
    expect(passed).toBe(false);
    expect(report).toMatch(/wrong-cwnd\.pkt:10: the assertion does not hold/);
    expect(report).toContain('expected: tcpi_snd_cwnd == 9 and tcpi_snd_mss == 1000');
    expect(report).toMatch(/actual: +tcpi_snd_cwnd 10, tcpi_snd_mss 1000 {3}at 0\.200 s/);
    expect(report).toContain('differs:  tcpi_snd_cwnd is 10, expected == 9');
  });

  it('a RST no line expects is unexpected', async () => {
    const { passed, report } = await run('tcp-wrong/no-rst.pkt');
    expect(passed).toBe(false);
    expect(report).toMatch(/no-rst\.pkt:2: unexpected packet: the stack answered this line with a packet no line expects/);
    expect(report).toMatch(/actual: +> R\. 0:0\(0\) ack \d+ win \d+ {3}at 0\.000 s/);
  });

  it('on the starter, TCP fails with "not implemented (m2: ...)" at the line that reached it', async () => {
    const { passed, report } = await run('tcp/passive-open.pkt', 'starter');
    expect(passed).toBe(false);
    expect(report.split('\n')[0]).toMatch(/passive-open\.pkt:\d+: not implemented \(m2: .+\)$/);
  });
});
