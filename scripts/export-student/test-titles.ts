/**
 * The titles of a test file's tests and describe blocks, read from its syntax: the first argument
 * of a call whose second argument is a function (`describe`, `it`, `netTest`, and helpers of the
 * same shape) when that argument is a plain string. Titles built with `${...}` are left out.
 */
import * as ts from 'typescript';

/** The literal titles in the test file `file`. */
export function testTitles(file: string, text: string): string[] {
  const titles: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const [title, body] = node.arguments;
      if (title && body && ts.isStringLiteralLike(title) && (ts.isArrowFunction(body) || ts.isFunctionExpression(body))) titles.push(title.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true));
  return titles;
}
