/**
 * tshark (Wireshark's command-line decoder) as an independent judge of the packets the harness
 * writes: every capture socklab produces must open without a malformed packet or a bad checksum,
 * and tshark's reading of each field must agree with the harness's own codecs.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import execa from 'execa';

/** Why tshark tests are skipped where tshark is not installed; use it in the skipped suite's name. */
export const TSHARK_MISSING = 'tshark not installed: apt-get install tshark';

/** True when a `tshark` executable is on PATH. */
export function tsharkAvailable(): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    if (dir === '') return false;
    try {
      accessSync(join(dir, 'tshark'), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

// Checksums are not verified by default (offloading makes captured ones unreliable), but ours are
// computed in software and must be right. Sequence analysis is off because a test's trace is an
// excerpt whose "previous segment not captured" warnings would be noise; absolute numbers so that
// fields compare with what the harness encoded. Payloads are decoded as plain data: they are test
// bytes, and random bytes to port 53 are not a malformed DNS message the stack is to blame for.
const OPTIONS = [
  ...[
    'ip.check_checksum:TRUE',
    'tcp.check_checksum:TRUE',
    'udp.check_checksum:TRUE',
    'tcp.analyze_sequence_numbers:FALSE',
    'tcp.relative_sequence_numbers:FALSE',
  ].flatMap((p) => ['-o', p]),
  ...['udp.port==0-65535,data', 'tcp.port==0-65535,data'].flatMap((d) => ['-d', d]),
];

/** One frame's fields as tshark prints them: each field's occurrences, in order (absent fields are missing). */
export type TsharkFields = Readonly<Record<string, readonly string[]>>;

/**
 * tshark's decode of every frame of the pcap at `path` (or those matching the display `filter`):
 * for each frame, the values of the named fields, e.g. `['ip.src', 'udp.srcport', 'tcp.seq_raw']`.
 * Throws when tshark cannot read the file.
 */
export async function tsharkFields(path: string, fields: readonly string[], filter?: string): Promise<TsharkFields[]> {
  const args = ['-r', path, '-n', ...OPTIONS, ...(filter ? ['-Y', filter] : []), '-T', 'json', ...fields.flatMap((f) => ['-e', f])];
  const run = await execa('tshark', args, { reject: false, timeout: 60_000 });
  if (run.exitCode !== 0) {
    // tshark warns on stderr whenever it runs as root; that line is not the error.
    const stderr = run.stderr.split('\n').filter((line) => !line.startsWith('Running as user')).join('\n');
    throw new Error(`tshark ${args.join(' ')} failed with exit code ${run.exitCode}: ${stderr}`);
  }
  const frames = JSON.parse(run.stdout) as ReadonlyArray<{ _source: { layers: TsharkFields } }>;
  return frames.map((frame) => frame._source.layers);
}

/** Something tshark finds wrong with a frame. */
export interface TsharkProblem {
  /** The frame number, from 1 (the record's position in the pcap). */
  readonly frame: number;
  readonly severity: 'warning' | 'error';
  /** tshark's expert message, e.g. "Bad checksum [should be 0x66cf]". */
  readonly message: string;
}

// Wireshark's expert severities (epan/proto.h: PI_WARN, PI_ERROR). A packet's comment (the one
// on a packet a link dropped) is an expert item too, of severity Comment, below these: not a problem.
const PI_WARN = 0x00600000;
const PI_ERROR = 0x00800000;

// Warnings tshark gives about normal traffic: it marks every RST, though resets are part of TCP.
const BENIGN = new Set(['Connection reset (RST)']);

/**
 * Every malformed frame and every expert message of severity warning or above in the pcap at
 * `path`, checksums verified (but not a reset's "Connection reset" warning); an empty list means
 * the file is clean. Throws when tshark cannot read the file.
 */
export async function checkPcapWithTshark(path: string): Promise<TsharkProblem[]> {
  const frames = await tsharkFields(
    path,
    ['frame.number', '_ws.expert.message', '_ws.expert.severity'],
    '_ws.malformed || _ws.expert.severity >= "Warning"',
  );
  return frames.flatMap((fields) => {
    const frame = Number(fields['frame.number']?.[0]);
    const severities = fields['_ws.expert.severity'] ?? [];
    // A matched frame also lists its notes ("Connection establish request"): keep only problems.
    return (fields['_ws.expert.message'] ?? []).flatMap((message, i): TsharkProblem[] => {
      const level = Number(severities[i]);
      if (level < PI_WARN || BENIGN.has(message)) return [];
      return [{ frame, severity: level >= PI_ERROR ? 'error' : 'warning', message }];
    });
  });
}
