/**
 * The HTML report, read as text: hostile text from the submission stays text, the evidence beside
 * the report is drawn (plots) or linked (pcaps) and a missing file is a note, and it shows what
 * the exports for students never do, since it is the instructors' view. Opened in a browser by
 * html-browser.test.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderHtmlReport } from '../export/html-report';
import { writeExports } from '../outputs';
import { scratchDir } from './helpers';
import { artifactOf, HOSTILE_CATEGORY, HOSTILE_SUBMISSION, HOSTILE_SVG, HOSTILE_TEST_NAME, MISSING_PCAP, OUTSIDE_PCAP, writeSampleSubmission } from './html-sample';

const dir = scratchDir('socklab-html-report-');
const report = writeSampleSubmission(dir);
const html = renderHtmlReport(report, { reportDir: dir, outDir: dir });

/** The decoded SVGs of every data: image of a page. */
function embeddedSvgs(page: string): string[] {
  return [...page.matchAll(/<img src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]*)"/g)].map(([, data]) => Buffer.from(data ?? '', 'base64').toString('utf8'));
}

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('shows the score prominently, and the seed', () => {
  expect(html).toContain('<p class="score" id="score">4 / 20</p>');
  expect(html).toContain('<code>SOCKLAB_SEED=42</code>');
});

it('keeps what the submission wrote as text: names, categories and messages are escaped, and the page has no script', () => {
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(html).toContain('<h1>socklab report: &lt;img src=x onerror=alert(2)&gt;</h1>');
  expect(html).toContain('<td>&lt;i&gt;cat&lt;/i&gt;</td>');
  expect(html).toContain('expected &lt;b&gt;1&lt;/b&gt; &amp; got &lt;/pre&gt;&lt;script&gt;alert(3)&lt;/script&gt;');
  for (const raw of [HOSTILE_TEST_NAME, HOSTILE_SUBMISSION, HOSTILE_CATEGORY, '<script', '<b>']) expect({ raw, found: html.includes(raw) }).toEqual({ raw, found: false });
  // Every `<` left is markup of the page's own: none carries an event handler.
  expect(/<[a-z][^>]*\son[a-z]+=/i.exec(html)?.[0]).toBeUndefined();
});

it('fetches nothing and runs nothing: no external URL, and a policy that allows only inline styles and data: images', () => {
  expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">`);
  expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  expect(html).not.toMatch(/<link|<iframe|<object|<embed/);
});

it('shows every test with its status, points, visibility, category and time, hidden ones by name', () => {
  expect(html).toMatch(
    /<tr><td><a href="#milestone-0-test-5">SECRET-NAME-2<\/a><\/td><td><code>hidden\/demux\.test\.ts<\/code><\/td><td><span class="status status-failed">failed<\/span><\/td><td class="number">0 \/ 3<\/td><td>hidden<\/td><td>demux<\/td><td class="number">12 ms<\/td><\/tr>/,
  );
  expect(html).toContain('<tr><td>SECRET-NAME-1</td>');
  expect(html).toContain('<pre>SECRET-MESSAGE-2</pre>');
  expect(html).toContain('SECRET-LOG');
  expect(html).toContain('SECRET-NAME-5: in the suites but not in milestone.json');
});

it('shows each milestone\'s status, score and reason', () => {
  expect(html).toContain('<h2>m2-handshake: The TCP handshake</h2>\n<p><span class="status status-timeout">timeout</span> <strong>0 / 5</strong>');
  expect(html).toContain('<pre class="reason">the suites did not finish within the wall-time limit of 3 s and were killed</pre>');
  expect(html).toContain('<td><span class="status status-partial">partial</span></td><td class="number">4 / 15</td><td class="number">2 of 7</td>');
});

it('keeps a failure\'s ladder diagram in a <pre>, its columns intact', () => {
  const failure = /<article class="failure" id="milestone-0-test-1">[^]*?<pre>([^]*?)<\/pre>/.exec(html)?.[1] ?? '';
  expect(failure).toContain('last packets:');
  expect(failure).toMatch(/^ {2}\S.*10\.0\.0\.1.*10\.0\.0\.2/m);
});

it('links each pcap by its path relative to the page', () => {
  const pcap = path.relative(dir, artifactOf(report, dir, '.pcapng'));
  expect(pcap).toMatch(/^artifacts\/assignments\/m1-udp\/tests\/public\/checksum\/script-alert-1-script\.pcapng$/);
  expect(html).toContain(`<li><a href="${pcap}">${pcap}</a></li>`);
});

it('draws the time–sequence graph and the cwnd plot as data: images, byte for byte, never as inline markup', () => {
  const files = ['.time-sequence.svg', '.cwnd.svg'].map((suffix) => fs.readFileSync(artifactOf(report, dir, suffix), 'utf8'));
  expect(files[1]).toBe(HOSTILE_SVG);
  expect(embeddedSvgs(html)).toEqual(files);
  expect(html).not.toContain('<svg');
});

it('notes a missing file and one outside artifacts/ instead of failing', () => {
  expect(html).toContain(`<li><code>${MISSING_PCAP}</code> <span class="note">missing: no such file beside the report</span></li>`);
  expect(html).toContain(`<li><code>${OUTSIDE_PCAP}</code> <span class="note">not shown: outside the artifacts/ folder beside the report</span></li>`);
});

it('links a plot too large to draw instead of embedding it', () => {
  const large = scratchDir('socklab-html-large-');
  try {
    const copy = writeSampleSubmission(large);
    fs.writeFileSync(artifactOf(copy, large, '.cwnd.svg'), `<svg xmlns="http://www.w3.org/2000/svg">${' '.repeat(5 * 1024 * 1024)}</svg>`);
    const page = renderHtmlReport(copy, { reportDir: large, outDir: large });
    expect(embeddedSvgs(page)).toHaveLength(1);
    expect(page).toMatch(/\.cwnd\.svg<\/a> <span class="note">\(5121 KB: too large to draw in the page\)<\/span>/);
  } finally {
    fs.rmSync(large, { recursive: true, force: true });
  }
});

it('is written as report.html, linking the evidence from wherever it is written (grader export --dir)', () => {
  const elsewhere = path.join(dir, 'exports');
  const [file] = writeExports(report, elsewhere, ['html'], dir);
  expect(file).toBe(path.join(elsewhere, 'report.html'));
  const page = fs.readFileSync(file ?? '', 'utf8');
  const pcap = path.relative(dir, artifactOf(report, dir, '.pcapng'));
  expect(page).toContain(`<a href="../${pcap}">${pcap}</a>`);
  expect(embeddedSvgs(page)).toHaveLength(2);
});
