/**
 * jest's TypeScript transform: each file transpiled on its own to CommonJS, with no type check
 * (`npm run typecheck` checks types), as ts-jest does with isolatedModules and diagnostics off.
 * Unlike ts-jest it loads the compiler only when a file is not in jest's cache, so a jest started
 * for a few tests (the grader's, the milestone checks' hundred children) starts in half the time.
 *
 * The output depends on a file's name but not on its folder (its source map names the file
 * relative to itself), so the copies of one stack in different folders (graded copies, mutants
 * of the reference) share cache entries.
 */
const { createHash } = require('node:crypto');
const path = require('node:path');

/** Bumped when the output changes for the same input. */
const TRANSFORM_VERSION = '1';

let compiler;
let compilerVersion;

function typescriptVersion() {
  compilerVersion ??= require('typescript/package.json').version;
  return compilerVersion;
}

module.exports = {
  getCacheKey(sourceText, sourcePath, options) {
    const hash = createHash('sha256');
    for (const input of [TRANSFORM_VERSION, typescriptVersion(), path.basename(sourcePath), options.configString, sourceText]) hash.update(`${input.length}:${input}`);
    return hash.digest('hex');
  },

  process(sourceText, sourcePath) {
    compiler ??= require('typescript');
    const { outputText, sourceMapText } = compiler.transpileModule(sourceText, {
      fileName: path.basename(sourcePath),
      reportDiagnostics: false,
      compilerOptions: {
        module: compiler.ModuleKind.CommonJS,
        target: compiler.ScriptTarget.ES2022,
        esModuleInterop: true,
        resolveJsonModule: true,
        sourceMap: true,
        inlineSources: true,
      },
    });
    // jest takes the map from here; the comment would point at a file that does not exist.
    return { code: outputText.replace(/\n\/\/# sourceMappingURL=.*$/, ''), map: sourceMapText };
  },
};
