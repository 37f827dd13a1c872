/**
 * How the project's TypeScript becomes the CommonJS Node runs: each file on its own, without a
 * type check (`npm run typecheck` checks types). Shared by jest's transform (jest-transform.js)
 * and the commands' loader (register.js), so that a test and a command run the same JavaScript.
 * The output depends on a file's name, not on its folder: copies of one file share cache entries.
 */
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
 * apart (for jest, which takes the map itself). Loads the compiler on first use.
 */
function transpile(sourceText, sourcePath, { inlineSourceMap }) {
  compiler ??= require('typescript');
  return compiler.transpileModule(sourceText, {
    fileName: path.basename(sourcePath),
    reportDiagnostics: false,
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

module.exports = { transpile, typescriptVersion };
