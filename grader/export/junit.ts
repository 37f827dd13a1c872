/**
 * JUnit XML, as CI systems read it: `<testsuites>` for the run, one `<testsuite>` per milestone
 * (its score, status, reason and the seed as properties), one `<testcase>` per public test and per
 * category of hidden tests (counts only), with `<failure>`, `<error>` or `<skipped>`.
 *
 * It keeps to the common JUnit schema (Jenkins xUnit's junit-10.xsd), which most readers accept:
 * that is why `<testsuites>` counts tests, failures and errors but not skips, which the schema
 * allows only on a `<testsuite>` (grader/tests/junit-schema.test.ts validates the export).
 */
import type { MilestoneReport, Report } from '../report';
import { firstLine } from '../messages';
import { studentReport } from './student-report';
import { hiddenGroupName, hiddenGroupOutcome, studentView } from './student-view';

/** One `<testcase>`, before it is written. */
interface Case {
  readonly classname: string;
  readonly name: string;
  readonly seconds: number;
  readonly outcome: 'passed' | 'failure' | 'error' | 'skipped';
  readonly message: string;
}

/** `junit.xml`: the report as JUnit XML. */
export function renderJunit(graded: Report): string {
  const report = studentReport(graded);
  const suites = report.milestones.map((milestone) => ({ milestone, cases: casesOf(milestone) }));
  const all = suites.flatMap((suite) => suite.cases);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="socklab" ${countAttributes(all)} time="${seconds(report.durationMs)}">`,
    ...suites.flatMap(({ milestone, cases }) => suiteLines(milestone, cases, report.seed)),
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}

function casesOf(milestone: MilestoneReport): Case[] {
  const { publicTests, hidden } = studentView(milestone);
  return [
    ...publicTests.map((test) => ({
      classname: `${milestone.id}.${test.file.replace(/\.test\.ts$/, '').replace(/\//g, '.')}`,
      name: test.name,
      seconds: test.durationMs / 1000,
      outcome: test.status === 'passed' ? ('passed' as const) : test.status === 'failed' ? ('failure' as const) : test.status,
      message: test.message,
    })),
    ...hidden.map((group) => ({
      classname: `${milestone.id}.hidden`,
      name: hiddenGroupName(group),
      seconds: group.durationMs / 1000,
      outcome: group.passed === group.total ? ('passed' as const) : ('failure' as const),
      message: hiddenGroupOutcome(group),
    })),
  ];
}

function suiteLines(milestone: MilestoneReport, cases: readonly Case[], seed: number): string[] {
  const properties: [string, string][] = [
    ['score', String(milestone.score)],
    ['maxScore', String(milestone.maxScore)],
    ['status', milestone.status],
    ['seed', String(seed)],
    ...(milestone.reason ? [['reason', milestone.reason] as [string, string]] : []),
  ];
  return [
    `  <testsuite name="${attribute(milestone.id)}" ${countAttributes(cases)} skipped="${count(cases, 'skipped')}" time="${seconds(milestone.durationMs)}">`,
    '    <properties>',
    ...properties.map(([name, value]) => `      <property name="${attribute(name)}" value="${attribute(value)}"/>`),
    '    </properties>',
    ...cases.flatMap(caseLines),
    '  </testsuite>',
  ];
}

function caseLines(c: Case): string[] {
  const open = `    <testcase classname="${attribute(c.classname)}" name="${attribute(c.name)}" time="${c.seconds.toFixed(3)}"`;
  if (c.outcome === 'passed') return [`${open}/>`];
  const element = c.outcome;
  const body = element === 'skipped' ? '' : text(c.message);
  return [`${open}>`, `      <${element} message="${attribute(firstLine(c.message))}">${body}</${element}>`, '    </testcase>'];
}

function countAttributes(cases: readonly Case[]): string {
  return `tests="${cases.length}" failures="${count(cases, 'failure')}" errors="${count(cases, 'error')}"`;
}

function count(cases: readonly Case[], outcome: Case['outcome']): number {
  return cases.filter((c) => c.outcome === outcome).length;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/**
 * Characters XML 1.0 cannot hold at all (most control characters, lone surrogates, U+FFFE/U+FFFF):
 * a test's message may contain any of them, and one would make the whole file unreadable.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function text(value: string): string {
  return value.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values also escape quotes, and keep line breaks (a parser would turn raw ones into spaces). */
function attribute(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
