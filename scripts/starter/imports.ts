/**
 * Imports of a generated starter file: the stubs need `NotImplemented`, and the names only the
 * removed solution code used must go (the repository compiles with noUnusedLocals).
 */
import * as ts from 'typescript';

/** Longest single-line import; longer ones are written one name per line. */
const MAX_IMPORT_LINE = 110;

/**
 * Rewrite the import declarations of `text` (the file `path`): drop each imported name that the
 * rest of the file no longer uses (and a declaration left with none), and, when `addName` is
 * given, import it from `addFrom` (into an existing value import of that module, or a new one).
 * Declarations that do not change keep their exact text.
 */
export function fixImports(path: string, text: string, addName?: string, addFrom?: string): string {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const used = usedNames(source);
  const imports = source.statements.filter(ts.isImportDeclaration);
  const edits: Array<{ start: number; end: number; replacement: string }> = [];
  let added = addName === undefined;

  for (const declaration of imports) {
    const clause = declaration.importClause;
    if (!clause) continue; // a side-effect import: `import './x'`
    const module = declaration.moduleSpecifier.getText(source);
    const defaultName = clause.name && used.has(clause.name.text) ? clause.name.text : undefined;
    const bindings = clause.namedBindings;
    const namespace = bindings && ts.isNamespaceImport(bindings) && used.has(bindings.name.text) ? bindings.name.text : undefined;
    const named = bindings && ts.isNamedImports(bindings) ? bindings.elements : undefined;
    let keptNamed = named?.filter((element) => used.has(element.name.text)).map((element) => element.getText(source));
    let typeOnly = clause.isTypeOnly;
    const takesAddition = !added && named !== undefined && !defaultName && stringValue(module) === addFrom;
    if (takesAddition && addName !== undefined && keptNamed) {
      // `import type { A }` becomes `import { Added, type A }`: one import per module.
      if (typeOnly) keptNamed = keptNamed.map((specifier) => `type ${specifier}`);
      typeOnly = false;
      if (!keptNamed.includes(addName)) insertSorted(keptNamed, addName);
      added = true;
    }
    const unchanged =
      typeOnly === clause.isTypeOnly &&
      defaultName === clause.name?.text &&
      (namespace !== undefined) === (bindings !== undefined && ts.isNamespaceImport(bindings)) &&
      keptNamed?.join() === named?.map((element) => element.getText(source)).join();
    if (unchanged) continue;
    const start = declaration.getStart(source);
    if (!defaultName && !namespace && (keptNamed?.length ?? 0) === 0) {
      edits.push({ start, end: endOfLine(text, declaration.getEnd()), replacement: '' });
    } else {
      edits.push({ start, end: declaration.getEnd(), replacement: renderImport(typeOnly, defaultName, namespace, keptNamed, module) });
    }
  }

  if (!added && addName !== undefined && addFrom !== undefined) {
    const last = imports[imports.length - 1];
    const at = last ? endOfLine(text, last.getEnd()) : (source.statements[0]?.getStart(source) ?? text.length);
    edits.push({ start: at, end: at, replacement: `import { ${addName} } from '${addFrom}';\n` });
  }

  return edits
    .sort((a, b) => b.start - a.start)
    .reduce((result, edit) => result.slice(0, edit.start) + edit.replacement + result.slice(edit.end), text);
}

/** Every name the file uses outside its imports (property names like `x.name` are not uses of `name`). */
function usedNames(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) return;
    if (ts.isIdentifier(node) && !isMemberName(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

function isMemberName(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent)) return parent.name === node;
  if (ts.isQualifiedName(parent)) return parent.right === node;
  const declaresMember =
    ts.isPropertyAssignment(parent) ||
    ts.isPropertyDeclaration(parent) ||
    ts.isPropertySignature(parent) ||
    ts.isMethodDeclaration(parent) ||
    ts.isMethodSignature(parent) ||
    ts.isGetAccessorDeclaration(parent) ||
    ts.isSetAccessorDeclaration(parent);
  return declaresMember && parent.name === node;
}

function insertSorted(specifiers: string[], name: string): void {
  // Before the first type-only name or the first name that sorts after it.
  const index = specifiers.findIndex((specifier) => specifier.startsWith('type ') || specifier > name);
  specifiers.splice(index === -1 ? specifiers.length : index, 0, name);
}

function renderImport(
  typeOnly: boolean,
  defaultName: string | undefined,
  namespace: string | undefined,
  named: readonly string[] | undefined,
  module: string,
): string {
  const keyword = typeOnly ? 'import type' : 'import';
  const parts: string[] = [];
  if (defaultName) parts.push(defaultName);
  if (namespace) parts.push(`* as ${namespace}`);
  const list = named && named.length > 0 ? named : undefined;
  const oneLine = [...parts, ...(list ? [`{ ${list.join(', ')} }`] : [])].join(', ');
  const single = `${keyword} ${oneLine} from ${module};`;
  if (single.length <= MAX_IMPORT_LINE || !list) return single;
  const head = parts.length > 0 ? `${parts.join(', ')}, ` : '';
  return `${keyword} ${head}{\n${list.map((name) => `  ${name},\n`).join('')}} from ${module};`;
}

/** The module name inside a string literal's source text: `'../x'` → `../x`. */
function stringValue(literal: string): string {
  return literal.slice(1, -1);
}

/** The offset just past the end of the line `offset` is on (past its newline). */
function endOfLine(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}
