/**
 * The class overview, read as text: how many submissions, each milestone's histogram, mean and
 * median, the tests most often failed in order, and a row per submission linking to its report,
 * with every name from the class escaped. Opened in a browser by html-browser.test.ts.
 */
import type { ClassEntry } from '../batch/class-entry';
import { renderClassOverview } from '../batch/class-overview';
import { binCounts } from '../export/html/histogram';
import type { Report, TestReport } from '../report';
import { NASTY_NAME, SAMPLE_REPORT } from './sample-report';

/** The sample report with these milestone scores, and only the tests named in `failing` not passed. */
function graded(name: string, [m1, m2]: readonly [number, number], failing: readonly string[]): ClassEntry {
  const outcome = (test: TestReport): TestReport => (failing.includes(test.name) ? { ...test, status: 'failed', points: 0 } : { ...test, status: 'passed', points: test.maxPoints });
  const [udp, handshake] = SAMPLE_REPORT.milestones;
  if (!udp || !handshake) throw new Error('the sample report has two milestones');
  const report: Report = {
    ...SAMPLE_REPORT,
    score: m1 + m2,
    milestones: [
      { ...udp, score: m1, status: m1 === udp.maxScore ? 'passed' : 'partial', tests: udp.tests.map(outcome) },
      { ...handshake, score: m2, tests: handshake.tests.map(outcome) },
    ],
  };
  return { name, report };
}

const ENTRIES: readonly ClassEntry[] = [
  graded('alice', [0, 0], ['bind refuses a taken port', NASTY_NAME, 'SECRET-NAME-2', 'answers a SYN']),
  graded('bob', [4, 0], [NASTY_NAME, 'SECRET-NAME-2', 'answers a SYN']),
  graded('carol', [7.5, 5], [NASTY_NAME, 'SECRET-NAME-2']),
  graded('a&b <x>', [15, 5], [NASTY_NAME]),
  graded('erin', [15, 2.5], []),
  { name: 'frank', error: 'the zip could not be read: <bad> header' },
];
const html = renderClassOverview(ENTRIES);

/** The counts of the bars of one milestone's histogram. */
function barCounts(milestone: string): number[] {
  const figure = new RegExp(`<figure class="distribution" data-milestone="${milestone}">[^]*?</figure>`).exec(html)?.[0] ?? '';
  return [...figure.matchAll(/<rect class="bar" data-bin="\d+" data-count="(\d+)"/g)].map(([, count]) => Number(count));
}

it('counts the submissions, graded or not', () => {
  expect(html).toContain('<p id="count">6 submission(s): 5 graded, 1 could not be graded.</p>');
});

it('puts each score in one of ten bins from 0 to the maximum, the maximum in the last, an edge in the bin it starts', () => {
  expect(binCounts([0, 4, 7.5, 15, 15], 15)).toEqual([1, 0, 1, 0, 0, 1, 0, 0, 0, 2]);
  expect(binCounts([0.6, 1.2, 2.4, 3], 3)).toEqual([0, 0, 1, 0, 1, 0, 0, 0, 1, 1]);
  expect(binCounts([0, 0], 0)).toEqual([2, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
});

it('draws a histogram per milestone and of the total, with axis labels, and its mean and median', () => {
  expect(barCounts('m1-udp')).toEqual([1, 0, 1, 0, 0, 1, 0, 0, 0, 2]);
  expect(barCounts('m2-handshake')).toEqual([2, 0, 0, 0, 0, 1, 0, 0, 0, 2]);
  expect(barCounts('total')).toEqual([1, 0, 1, 0, 0, 0, 1, 0, 1, 1]);
  expect(html).toContain('m1-udp: UDP sockets</strong><br>mean 8.3, median 7.5, of 5 submission(s)');
  expect(html).toContain('m2-handshake: The TCP handshake</strong><br>mean 2.5, median 2.5, of 5 submission(s)');
  expect(html).toContain('>score (points out of 15)</text>');
  expect(html).toContain('>submissions</text>');
});

it('lists the tests most often failed first, with their milestone and out of how many', () => {
  const rows = [...html.matchAll(/<tr class="failed-test"><td><code>(.*?)<\/code><\/td><td>(.*?)<\/td><td class="number">(\d+)<\/td><td class="number">(\d+)<\/td><\/tr>/g)].map((row) => row.slice(1));
  expect(rows).toEqual([
    ['public/checksum.test.ts &gt; checksum &lt;odd&gt; &amp; &quot;even&quot; &#39;lengths&#39; # 2', 'm1-udp', '4', '5'],
    ['hidden/demux.test.ts &gt; SECRET-NAME-2', 'm1-udp', '3', '5'],
    ['public/syn.test.ts &gt; answers a SYN', 'm2-handshake', '2', '5'],
    ['public/bind.test.ts &gt; bind refuses a taken port', 'm1-udp', '1', '5'],
  ]);
});

it('has a row per submission: its report linked, its scores, its status; why one could not be graded', () => {
  expect(html).toContain(
    '<tr class="submission"><td><a href="carol/report.html">carol</a></td><td class="number">7.5 / 15 <span class="status status-partial">partial</span></td><td class="number">5 / 5 <span class="status status-timeout">timeout</span></td><td class="number"><strong>12.5 / 20</strong></td><td><span class="status status-timeout">timeout</span></td></tr>',
  );
  expect(html).toContain('<td><a href="a%26b%20%3Cx%3E/report.html">a&amp;b &lt;x&gt;</a></td>');
  expect(html).toContain('<tr class="submission"><td>frank</td><td colspan="3"></td><td><span class="status status-error">error</span> could not be graded<pre>the zip could not be read: &lt;bad&gt; header</pre></td></tr>');
  expect(html).not.toMatch(/<x>|<bad>/);
});

it('says when nothing was graded or nothing failed', () => {
  expect(renderClassOverview([{ name: 'frank', error: 'no index.ts' }])).toContain('<p>No submission was graded.</p>');
  expect(renderClassOverview([graded('erin', [15, 5], [])])).toContain('<p>No test failed.</p>');
});
