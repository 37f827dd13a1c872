/**
 * A hand-made report for the exporters' tests: every test status, a timed-out milestone, and
 * text that export formats choke on (quotes, `<`, `&`, `#`, backslashes, tabs, a control
 * character). Everything that must never reach a student contains `SECRET`.
 */
import type { MilestoneReport, Report, TestReport } from '../report';

/** A failure message with everything an export format has to escape. */
export const NASTY_MESSAGE = 'expected "0x1234" <checksum> & more\n\tgot \\x 0x4321 # not a directive\u0001\npcap:   artifacts/m1/checksum.pcapng';
/** A test name with the same. */
export const NASTY_NAME = `checksum <odd> & "even" 'lengths' # 2`;

function test(fields: Partial<TestReport> & Pick<TestReport, 'file' | 'name' | 'status' | 'maxPoints' | 'category'>): TestReport {
  return {
    id: `${fields.file} > ${fields.name}`,
    points: fields.status === 'passed' ? fields.maxPoints : 0,
    visibility: fields.file.startsWith('hidden/') ? 'hidden' : 'public',
    durationMs: 12,
    message: '',
    artifacts: [],
    ...fields,
  };
}

const udp: MilestoneReport = {
  id: 'm1-udp',
  title: 'UDP sockets',
  score: 4,
  maxScore: 15,
  status: 'partial',
  durationMs: 2100,
  limits: { wallSeconds: 60, memoryMb: 512 },
  configErrors: ['hidden/extra.test.ts > SECRET-NAME-5: in the suites but not in milestone.json (not scored)'],
  tests: [
    test({ file: 'public/bind.test.ts', name: 'bind refuses a taken port', status: 'passed', maxPoints: 2, category: 'bind' }),
    test({ file: 'public/checksum.test.ts', name: NASTY_NAME, status: 'failed', maxPoints: 3, category: 'checksum', message: NASTY_MESSAGE, artifacts: ['artifacts/m1/checksum.pcapng'] }),
    test({ file: 'public/tun.test.ts', name: 'over TUN', status: 'skipped', maxPoints: 1, category: 'tun', message: 'not run: jest reports it as skipped' }),
    test({ file: 'public/broken.test.ts', name: 'a broken file', status: 'error', maxPoints: 1, category: 'bind', message: 'did not run: its test file failed to run' }),
    test({ file: 'hidden/demux.test.ts', name: 'SECRET-NAME-1', status: 'passed', maxPoints: 2, category: 'demux' }),
    test({ file: 'hidden/demux.test.ts', name: 'SECRET-NAME-2', status: 'failed', maxPoints: 3, category: 'demux', message: 'SECRET-MESSAGE-2' }),
    test({ file: 'hidden/icmp.test.ts', name: 'SECRET-NAME-3', status: 'failed', maxPoints: 3, category: 'icmp', message: 'SECRET-MESSAGE-3' }),
  ],
};

const handshake: MilestoneReport = {
  id: 'm2-handshake',
  title: 'The TCP handshake',
  score: 0,
  maxScore: 5,
  status: 'timeout',
  reason: 'the suites did not finish within the wall-time limit of 3 s and were killed',
  durationMs: 3000,
  limits: { wallSeconds: 3, memoryMb: 512 },
  configErrors: [],
  log: 'SECRET-LOG: FAIL hidden/syn.test.ts',
  figures: [{ name: 'goodput at 1% loss', value: 6.71, unit: 'Mbit/s' }],
  tests: [
    test({ file: 'public/syn.test.ts', name: 'answers a SYN', status: 'failed', maxPoints: 2, category: 'syn', message: 'did not run: the suites did not finish' }),
    test({ file: 'hidden/syn.test.ts', name: 'SECRET-NAME-4', status: 'failed', maxPoints: 3, category: 'syn', message: 'did not run: SECRET-MESSAGE-4' }),
  ],
};

export const SAMPLE_REPORT: Report = {
  schemaVersion: 1,
  graderVersion: '0.1.0',
  seed: 42,
  submission: { name: 'alice', path: '/course/submissions/alice', contentHash: `sha256:${'ab'.repeat(32)}`, refused: [] },
  assignments: '/course/assignments',
  protections: [{ name: 'network', obtained: false, how: 'none: this machine allows no network namespace' }],
  startedAt: '2026-11-22T10:00:00.000Z',
  durationMs: 5200,
  score: 4,
  maxScore: 20,
  milestones: [udp, handshake],
};
