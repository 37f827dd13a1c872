/**
 * What every simulator demo's tests check the same way: that it runs only where a reference stack
 * is (copies handed to students may have none), that its pcap is clean to tshark, and that its
 * seed alone decides the story.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkPcapWithTshark, TSHARK_MISSING, tsharkAvailable } from '../../harness/phy/tshark';
import { HAS_REFERENCE, REFERENCE_MISSING } from '../../harness/testing/reference';
import { collectIo, type DemoIo } from '../lib/io';

/** A demo's `run`: its exit status. */
type RunDemo = (args: readonly string[], io: DemoIo) => Promise<{ readonly status: number }>;

/** `it` where the reference stack is, `it.skip` where it is not. */
export const withReference = HAS_REFERENCE ? it : it.skip;
/** What a test's title adds when it skips for want of the reference. */
export const NO_REFERENCE = HAS_REFERENCE ? '' : ` (skipped: ${REFERENCE_MISSING})`;

/** A folder of the test file's own, made before its tests and removed after them. */
export function scratchDir(prefix: string): () => string {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}

/**
 * The checks every demo passes on the reference: a pcap tshark finds clean, and a story its seed
 * alone decides — but for the lines that match `realTime`, which tell the wall clock.
 */
export function checkPcapAndSeed(run: RunDemo, dir: () => string, realTime?: RegExp): void {
  const withTshark = tsharkAvailable() && HAS_REFERENCE ? it : it.skip;
  const why = !tsharkAvailable() ? ` (skipped: ${TSHARK_MISSING})` : NO_REFERENCE;
  withTshark(`its pcap opens in Wireshark without a malformed packet or a bad checksum${why}`, async () => {
    const pcap = path.join(dir(), 'tshark.pcapng');
    expect((await run(['--pcap', pcap], collectIo())).status).toBe(0);
    expect(await checkPcapWithTshark(pcap)).toEqual([]);
  });

  withReference(`the same seed tells the same story, byte for byte; another seed picks other ports${NO_REFERENCE}`, async () => {
    const pcap = path.join(dir(), 'seed.pcapng');
    const tell = async (seed: string): Promise<{ text: string; bytes: Buffer }> => {
      const io = collectIo();
      await run(['--seed', seed, '--pcap', pcap], io);
      const lines = realTime ? io.lines.filter((line) => !realTime.test(line)) : io.lines;
      return { text: lines.join('\n'), bytes: fs.readFileSync(pcap) };
    };
    const first = await tell('7');
    const again = await tell('7');
    expect(again.text).toBe(first.text);
    expect(again.bytes.equals(first.bytes)).toBe(true);
    expect((await tell('8')).bytes.equals(first.bytes)).toBe(false);
  });
}
