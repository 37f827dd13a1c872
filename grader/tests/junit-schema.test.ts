/**
 * The JUnit export validates against the common JUnit schema (fixtures/junit-schema.xsd, the
 * format of Jenkins xUnit's junit-10.xsd) for real reports: the reference graded, a failing
 * stack graded, and the sample report with its skip, error and hidden categories. libxml2's
 * validator (xmllint, compiled to WebAssembly) judges, so the check runs wherever npm ci did.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { renderJunit } from '../export/junit';
import type { Report } from '../report';
import { FIXTURES, gradeFixture } from './helpers';
import { SAMPLE_REPORT } from './sample-report';

const SCHEMA = { fileName: 'junit-schema.xsd', contents: fs.readFileSync(path.join(FIXTURES, 'junit-schema.xsd'), 'utf8') };

/** What the schema finds wrong with `xml`, one line each; none when it validates. */
async function schemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: { fileName: 'junit.xml', contents: xml }, schema: SCHEMA });
  return result.errors.map((error) => error.rawMessage);
}

const REFERENCE = 'the reference, graded: every test passed, a hidden category';
const FAILING = 'a stack that throws, graded: failures, a hidden category failed';
const SAMPLE = 'the sample report: a skip, an error, hidden categories, a timed-out milestone';
const reports = new Map<string, Report>([[SAMPLE, SAMPLE_REPORT]]);

beforeAll(async () => {
  // Each grading runs jest in a child process: run them side by side.
  const [reference, failing] = await Promise.all([gradeFixture('good'), gradeFixture('throws-in-call')]);
  reports.set(REFERENCE, reference);
  reports.set(FAILING, failing);
}, 120_000);

describe('the JUnit export against the common JUnit schema (junit-10.xsd)', () => {
  it('the schema rejects what it should: skips counted on <testsuites>', async () => {
    const xml = '<testsuites tests="1" failures="0" errors="0" skipped="1"><testsuite name="m" tests="1" failures="0" errors="0"/></testsuites>';
    expect(await schemaErrors(xml)).toEqual([expect.stringContaining("The attribute 'skipped' is not allowed")]);
  });

  it.each([REFERENCE, FAILING, SAMPLE])('%s: validates', async (name) => {
    expect(await schemaErrors(renderJunit(reports.get(name)!))).toEqual([]);
  });

  it('the graded reports are what their names say', () => {
    const statuses = (name: string): string[] => reports.get(name)!.milestones.flatMap((m) => m.tests.map((t) => `${t.visibility} ${t.status}`));
    expect(statuses(REFERENCE)).toEqual(['public passed', 'public passed', 'hidden passed']);
    expect(statuses(FAILING)).toContain('hidden failed');
    expect(statuses(SAMPLE)).toEqual(expect.arrayContaining(['public skipped', 'public error', 'hidden failed']));
  });
});
