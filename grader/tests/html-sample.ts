/**
 * A graded submission on disk for the HTML pages' tests: the sample report (sample-report.ts) with
 * hostile text wherever a student's code or folder puts it, and evidence the harness itself wrote
 * beside the report — a pcap and a time–sequence graph of a lossy transfer, named in a real failure
 * message with its ladder — plus a plot holding a script, a pcap that is gone, and a path that
 * climbs out of artifacts/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EVIDENCE_BASE_VARIABLE, saveBesidePcap, saveEvidence } from '../../harness/checks/evidence';
import { failedTransferRun } from '../../harness/checks/tests/lossy-transfer';
import { artifactsIn } from '../messages';
import type { Report, TestReport } from '../report';
import { SAMPLE_REPORT } from './sample-report';

/** What a student may name a test, a submission, a category; each must show as text. */
export const HOSTILE_TEST_NAME = '<script>alert(1)</script>';
export const HOSTILE_SUBMISSION = '<img src=x onerror=alert(2)>';
export const HOSTILE_CATEGORY = '<i>cat</i>';
/** A message that tries to end its <pre> early. */
export const HOSTILE_MESSAGE = 'expected <b>1</b> & got </pre><script>alert(3)</script>';
/** A cwnd plot whose file holds a script and an event handler: drawn as an image, neither runs. */
export const HOSTILE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" onload="alert(4)"><script>alert(5)</script><rect width="200" height="100" fill="#c33"/></svg>';
export const MISSING_PCAP = 'artifacts/m1/gone.pcapng';
export const OUTSIDE_PCAP = 'artifacts/../../etc/passwd';

/** The evidence of a failed transfer written under `dir`, as the grader has the harness write it; returns the failure's message. */
function failedTransfer(dir: string): string {
  const run = failedTransferRun('assignments/m1-udp/tests/public/checksum.test.ts', HOSTILE_TEST_NAME, 42);
  const before = process.env[EVIDENCE_BASE_VARIABLE];
  process.env[EVIDENCE_BASE_VARIABLE] = dir;
  try {
    const evidence = saveEvidence(run);
    const pcap = artifactsIn(evidence)[0] ?? '';
    const plot = saveBesidePcap(pcap, '.cwnd.svg', HOSTILE_SVG);
    return `${HOSTILE_MESSAGE}\n${evidence}\ncwnd plot:    ${plot}   (open it in a browser)`;
  } finally {
    if (before === undefined) delete process.env[EVIDENCE_BASE_VARIABLE];
    else process.env[EVIDENCE_BASE_VARIABLE] = before;
  }
}

/** Write the evidence into `dir` (the report's folder, which need not exist) and return the report naming it. */
export function writeSampleSubmission(dir: string): Report {
  fs.mkdirSync(dir, { recursive: true });
  const message = failedTransfer(dir);
  const [udp, handshake] = SAMPLE_REPORT.milestones;
  if (!udp || !handshake) throw new Error('the sample report has two milestones');
  const hostile = (test: TestReport): TestReport =>
    test.file === 'public/checksum.test.ts'
      ? { ...test, id: `${test.file} > ${HOSTILE_TEST_NAME}`, name: HOSTILE_TEST_NAME, category: HOSTILE_CATEGORY, message, artifacts: artifactsIn(message) }
      : test.file === 'public/broken.test.ts'
        ? { ...test, artifacts: [MISSING_PCAP, OUTSIDE_PCAP] }
        : test;
  return {
    ...SAMPLE_REPORT,
    submission: { ...SAMPLE_REPORT.submission, name: HOSTILE_SUBMISSION },
    milestones: [{ ...udp, tests: udp.tests.map(hostile) }, handshake],
  };
}

/** The file of an artifact of `report`'s first milestone that ends with `suffix`. */
export function artifactOf(report: Report, dir: string, suffix: string): string {
  const artifact = report.milestones[0]?.tests.flatMap((test) => test.artifacts).find((file) => file.endsWith(suffix));
  if (artifact === undefined) throw new Error(`the sample report names no artifact ending with ${suffix}`);
  return path.join(dir, artifact);
}
