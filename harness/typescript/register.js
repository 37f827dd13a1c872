/**
 * Lets Node run the project's TypeScript commands (`node -r ./harness/typescript/register.js
 * file.ts`: package.json's scripts and the `grader` command). Each file is transpiled once and
 * kept in node_modules/.cache, and the compiler is loaded only when a file is not there, so a
 * command starts in a tenth of a second where ts-node took two. Stack traces name TypeScript
 * lines; a file with a syntax error fails to load with the compiler's message.
 *
 * The cache lives in the repository's node_modules, as other tools' caches do, not in a shared
 * temporary folder where another user could plant entries; entries are named by a hash of all
 * that the output depends on, so a stale one is never read.
 */
const fs = require('node:fs');
const path = require('node:path');
const { cacheKey, syntaxErrors, transpile, typescriptVersion } = require('./transpile');

/** Bumped when the output changes for the same input. */
const LOADER_VERSION = '1';
const CACHE_DIR = path.resolve(__dirname, '..', '..', 'node_modules', '.cache', 'socklab-commands-js');

/** `sourcePath` as CommonJS, from the cache or transpiled now (and cached, where the cache can be written). */
function javascriptOf(sourcePath) {
  const sourceText = fs.readFileSync(sourcePath, 'utf8');
  const entry = path.join(CACHE_DIR, `${cacheKey(LOADER_VERSION, typescriptVersion(), path.basename(sourcePath), sourceText)}.js`);
  try {
    return fs.readFileSync(entry, 'utf8');
  } catch {
    // Not cached yet: transpile below.
  }
  const { outputText, diagnostics } = transpile(sourceText, sourcePath, { inlineSourceMap: true, reportDiagnostics: true });
  // What would compile to nonsense fails here, naming the TypeScript line, and is not cached.
  const relative = path.relative(process.cwd(), sourcePath);
  const errors = syntaxErrors(diagnostics, relative.startsWith('..') ? sourcePath : relative);
  if (errors) throw new SyntaxError(`TypeScript cannot read this file:\n${errors}`);
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    // Written aside and renamed, so that a concurrent command never reads half an entry.
    const aside = `${entry}.${process.pid}.tmp`;
    fs.writeFileSync(aside, outputText);
    fs.renameSync(aside, entry);
  } catch {
    // A read-only checkout: every command transpiles for itself.
  }
  return outputText;
}

// `require.extensions` is deprecated but is the one synchronous CommonJS hook Node 20 has.
require.extensions['.ts'] = (module, filename) => module._compile(javascriptOf(filename), filename);
process.setSourceMapsEnabled(true);
