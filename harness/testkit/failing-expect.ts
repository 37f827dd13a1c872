/**
 * Where a failing `expect` is, and what it checked, read from the test's own source: jest's
 * message says `expect(received).toEqual(expected)`, the source says `expect(await
 * lab.sys.recvfrom(fd, 4)).toEqual(...)`. The stack's first frame points at the matcher's name
 * (jest maps it to the TypeScript source); the TypeScript parser, loaded only when a test fails,
 * finds the `expect(...)` call around it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TS from 'typescript';

/** A failing `expect(subject).not.matcher(args)` as the source writes it. */
export interface FailingExpect {
  /** The source of what was checked, `await` left out: `lab.sys.recvfrom(fd, 4)`. */
  readonly subject: string;
  /** The matcher's name: `toEqual`. */
  readonly matcher: string;
  /** `.not` came before the matcher. */
  readonly negated: boolean;
  /** The source of the matcher's arguments. */
  readonly args: string;
  /** The file it is in, and its 1-based line. */
  readonly file: string;
  readonly line: number;
}

/** Longer source is cut: a first line names the check, it does not quote it. */
const MAX_SOURCE_CHARS = 80;

/** The failing expect of an assertion error, from the first of its stack's frames; undefined when it cannot be read. */
export function failingExpect(frames: string): FailingExpect | undefined {
  const frame = /\(?((?:\/|[A-Za-z]:\\)[^():]+\.ts):(\d+):(\d+)\)?/.exec(frames.split('\n').find((line) => /^\s*at /.test(line)) ?? '');
  if (!frame) return undefined;
  const [, file = '', line = '0', column = '0'] = frame;
  if (!fs.existsSync(file)) return undefined;
  // Loaded on a failure only: most test files never need it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load of a dev dependency.
  const ts = require('typescript') as typeof TS;
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const at = source.getPositionOfLineAndCharacter(Number(line) - 1, Number(column) - 1);
  const call = matcherCall(ts, source, at);
  if (!call) return undefined;
  const { matcher, receiver, args } = call;
  let negated = false;
  let target: TS.Expression = receiver;
  // Through `.not`, `.resolves` and `.rejects` down to `expect(...)`.
  while (ts.isPropertyAccessExpression(target)) {
    if (target.name.text === 'not') negated = true;
    target = target.expression;
  }
  if (!ts.isCallExpression(target) || target.expression.getText() !== 'expect' || !target.arguments[0]) return undefined;
  const checked = target.arguments[0];
  const subject = ts.isAwaitExpression(checked) ? checked.expression : checked;
  return {
    subject: oneLine(subject.getText()),
    matcher,
    negated,
    args: oneLine(args.map((arg) => arg.getText()).join(', ')),
    file: path.basename(file),
    line: Number(line),
  };
}

/** The `receiver.matcher(args)` call whose matcher name is at `at`. */
function matcherCall(ts: typeof TS, source: TS.SourceFile, at: number): { matcher: string; receiver: TS.Expression; args: readonly TS.Expression[] } | undefined {
  let found: TS.Identifier | undefined;
  const visit = (node: TS.Node): void => {
    if (at < node.getStart(source) || at >= node.getEnd()) return;
    if (ts.isIdentifier(node)) found = node;
    node.forEachChild(visit);
  };
  visit(source);
  const access = found?.parent;
  const call = access?.parent;
  if (!access || !ts.isPropertyAccessExpression(access) || access.name !== found || !call || !ts.isCallExpression(call) || call.expression !== access) return undefined;
  return { matcher: access.name.text, receiver: access.expression, args: call.arguments };
}

/** Source on one line, whitespace collapsed, cut to a readable length. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim();
  return flat.length <= MAX_SOURCE_CHARS ? flat : `${flat.slice(0, MAX_SOURCE_CHARS - 1)}…`;
}
