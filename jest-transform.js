/**
 * jest's TypeScript transform: harness/typescript/transpile.js, as the project's commands run it.
 * Unlike ts-jest it loads the compiler only when a file is not in jest's cache, so a jest started
 * for a few tests (the grader's, the milestone checks' hundred children) starts in half the time.
 * Copies of one stack in different folders (graded copies, mutants of the reference) share cache
 * entries, since the output depends on a file's name but not on its folder.
 */
const path = require('node:path');
const { cacheKey, transpile, typescriptVersion } = require('./harness/typescript/transpile');

/** Bumped when the output changes for the same input. */
const TRANSFORM_VERSION = '1';

module.exports = {
  getCacheKey(sourceText, sourcePath, options) {
    return cacheKey(TRANSFORM_VERSION, typescriptVersion(), path.basename(sourcePath), options.configString, sourceText);
  },

  process(sourceText, sourcePath) {
    const { outputText, sourceMapText } = transpile(sourceText, sourcePath, { inlineSourceMap: false });
    // jest takes the map from here; the comment would point at a file that does not exist.
    return { code: outputText.replace(/\n\/\/# sourceMappingURL=.*$/, ''), map: sourceMapText };
  },
};
