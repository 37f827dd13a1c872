/**
 * Solution regions: finding the marker pairs in a reference file and checking that each one
 * encloses the whole body of a function or method (so that a stub can replace it).
 */
import * as ts from 'typescript';

/** One solution region of a file. Line numbers are 1-based, as editors show them. */
export interface Region {
  /** The line of `// @solution mN begin: ...`. */
  readonly beginLine: number;
  /** The line of `// @solution end`. */
  readonly endLine: number;
  /** The milestone whose work the region is, e.g. `'m1'`. */
  readonly milestone: string;
  /** What the student implements, as the marker says it. */
  readonly what: string;
  /** The marker's indentation, which the stub keeps. */
  readonly indent: string;
  /** The names of the enclosing function's parameters. */
  readonly parameters: readonly string[];
}

/** What {@link findRegions} found: the regions, or the problems that stop generation. */
export type RegionScan = { readonly ok: true; readonly regions: readonly Region[] } | { readonly ok: false; readonly problems: readonly string[] };

const MARKER_PREFIX = '// @solution';
const BEGIN = /^(\s*)\/\/ @solution (m[1-9][0-9]*) begin: (\S.*?)\s*$/;
const END = /^\s*\/\/ @solution end\s*$/;

/**
 * The solution regions of the TypeScript file `path`. Problems (a malformed marker, a begin
 * without end or the reverse, a nested begin, a region that is not a whole function body) are
 * reported as `path:line: ...`.
 */
export function findRegions(path: string, text: string): RegionScan {
  const problems: string[] = [];
  const marked = scanMarkers(path, text, problems);
  if (problems.length > 0) return { ok: false, problems };
  const bodies = functionBodies(path, text);
  const regions: Region[] = [];
  for (const region of marked) {
    const body = bodies.find((candidate) => enclosesExactly(candidate, region, text));
    if (body) {
      regions.push({ ...region, parameters: body.parameters });
    } else {
      problems.push(
        `${path}:${region.beginLine}: a solution region must be the whole body of a function or method ` +
          '(put the begin marker right after its opening brace and the end marker right before its closing brace)',
      );
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, regions };
}

type MarkedRegion = Omit<Region, 'parameters'>;

function scanMarkers(path: string, text: string, problems: string[]): MarkedRegion[] {
  const regions: MarkedRegion[] = [];
  let open: { line: number; milestone: string; what: string; indent: string } | undefined;
  text.split('\n').forEach((line, index) => {
    const lineNumber = index + 1;
    if (!line.trim().startsWith(MARKER_PREFIX)) return;
    const begin = BEGIN.exec(line);
    if (begin) {
      if (open) {
        problems.push(`${path}:${lineNumber}: @solution begin inside the region begun at line ${open.line}: regions do not nest`);
      } else {
        open = { line: lineNumber, indent: begin[1] ?? '', milestone: begin[2] ?? '', what: begin[3] ?? '' };
      }
    } else if (END.test(line)) {
      if (open) {
        regions.push({ beginLine: open.line, endLine: lineNumber, milestone: open.milestone, what: open.what, indent: open.indent });
        open = undefined;
      } else {
        problems.push(`${path}:${lineNumber}: @solution end without a begin`);
      }
    } else {
      problems.push(
        `${path}:${lineNumber}: malformed marker ${JSON.stringify(line.trim())} ` +
          '(expected "// @solution mN begin: what to implement" or "// @solution end")',
      );
    }
  });
  if (open) problems.push(`${path}:${open.line}: @solution begin without an end`);
  return regions;
}

/** The body of a function, method, accessor or constructor, by position in the file. */
interface FunctionBody {
  /** Offset of the opening brace. */
  readonly open: number;
  /** Offset of the closing brace. */
  readonly close: number;
  readonly parameters: readonly string[];
}

function functionBodies(path: string, text: string): FunctionBody[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const bodies: FunctionBody[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isBlock(node) && ts.isFunctionLike(node.parent)) {
      bodies.push({
        open: node.getStart(source),
        close: node.getEnd() - 1,
        parameters: node.parent.parameters.flatMap((parameter) => boundNames(parameter.name)),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return bodies;
}

/**
 * The names a parameter binds that the stub must mark as used. `this` is no real parameter, and
 * names starting with `_` are exempt from noUnusedParameters.
 */
function boundNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return name.text === 'this' || name.text.startsWith('_') ? [] : [name.text];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : boundNames(element.name)));
}

/** True when only whitespace lies between the body's braces and the region's marker lines. */
function enclosesExactly(body: FunctionBody, region: MarkedRegion, text: string): boolean {
  const lineStarts = lineStartOffsets(text);
  const regionStart = lineStarts[region.beginLine - 1] ?? text.length;
  const regionEnd = lineStarts[region.endLine] ?? text.length;
  if (body.open >= regionStart || body.close < regionEnd) return false;
  return text.slice(body.open + 1, regionStart).trim() === '' && text.slice(regionEnd, body.close).trim() === '';
}

function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let offset = text.indexOf('\n'); offset !== -1; offset = text.indexOf('\n', offset + 1)) starts.push(offset + 1);
  return starts;
}
