/**
 * How the project's TypeScript becomes the CommonJS Node runs: each file on its own, without a
 * type check (`npm run typecheck` checks types). Shared by jest's transform (jest-transform.js)
 * and the commands' loader (register.js), so that a test and a command run the same JavaScript.
 * The output depends on a file's name, not on its folder: copies of one file share cache entries.
 */
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

let compiler;
let compilerVersion;

/** The compiler's version, read without loading the compiler: part of every cache key. */
function typescriptVersion() {
  compilerVersion ??= JSON.parse(fs.readFileSync(require.resolve('typescript/package.json'), 'utf8')).version;
  return compilerVersion;
}

/**
 * `sourceText`, the file at `sourcePath`, as CommonJS with its source map: inline (for Node) or
 * apart (for jest, which takes the map itself), and its syntax errors if asked. Loads the
 * compiler on first use.
 */
function transpile(sourceText, sourcePath, { inlineSourceMap, reportDiagnostics = false }) {
  compiler ??= require('typescript');
  return compiler.transpileModule(sourceText, {
    fileName: path.basename(sourcePath),
    reportDiagnostics,
    compilerOptions: {
      module: compiler.ModuleKind.CommonJS,
      target: compiler.ScriptTarget.ES2022,
      esModuleInterop: true,
      resolveJsonModule: true,
      ...(inlineSourceMap ? { inlineSourceMap: true } : { sourceMap: true }),
      inlineSources: true,
    },
  });
}

/** The name of a cache entry: a hash of every input of the transpilation, each length-prefixed so that no two lists collide. */
function cacheKey(...inputs) {
  const hash = createHash('sha256');
  for (const input of inputs) hash.update(`${input.length}:${input}`);
  return hash.digest('hex');
}

/** The syntax errors of a transpileModule result, one per line as `file:line:column message`; empty when there are none. */
function syntaxErrors(diagnostics, sourcePath) {
  return (diagnostics ?? [])
    .map((diagnostic) => {
      const where = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start) : undefined;
      const position = where ? `:${where.line + 1}:${where.character + 1}` : '';
      return `${sourcePath}${position} ${compiler.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
    })
    .join('\n');
}

module.exports = { cacheKey, syntaxErrors, transpile, typescriptVersion };
