/**
 * `npm run starter:build`: regenerate starter/ from reference/ (DESIGN.md §5).
 * `npm run starter:build -- --check`: change nothing; exit 1 and name the stale files if the
 * checked-in starter is not what generation would give.
 */
import { diffTrees, readTree, REFERENCE_DIR, STARTER_DIR, writeTree } from './starter/files';
import { generateStarter, StarterError } from './starter/generate';

function main(args: readonly string[]): number {
  let starter: Map<string, string>;
  try {
    starter = generateStarter(readTree(REFERENCE_DIR));
  } catch (error) {
    if (!(error instanceof StarterError)) throw error;
    console.error(error.message);
    return 1;
  }
  if (args.includes('--check')) {
    const stale = diffTrees(starter, readTree(STARTER_DIR));
    if (stale.length === 0) {
      console.log(`starter/ is up to date (${starter.size} files)`);
      return 0;
    }
    console.error(`starter/ is stale; run \`npm run starter:build\`:\n${stale.map((file) => `  ${file}`).join('\n')}`);
    return 1;
  }
  writeTree(STARTER_DIR, starter);
  console.log(`starter/ generated from reference/ (${starter.size} files)`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
