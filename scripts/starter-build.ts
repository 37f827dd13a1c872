/**
 * `npm run starter:build`: regenerate starter/ from reference/ (DESIGN.md §5).
 * `npm run starter:build -- --check`: change nothing; exit 1 and name the stale files if the
 * checked-in starter is not what generation would give.
 */
import { Command } from 'commander';
import { exitOnUsageError, exitStatusHelp, USAGE_ERROR } from '../harness/cli/exit-status';
import { diffTrees, readTree, REFERENCE_DIR, STARTER_DIR, writeTree } from './starter/files';
import { generateStarter, StarterError } from './starter/generate';

function main(flags: { readonly check?: boolean }): number {
  let starter: Map<string, string>;
  try {
    starter = generateStarter(readTree(REFERENCE_DIR));
  } catch (error) {
    if (!(error instanceof StarterError)) throw error;
    console.error(error.message);
    return 1;
  }
  if (flags.check) {
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

new Command('npm run starter:build --')
  .description('Regenerate starter/ from the solution regions of reference/.')
  .option('--check', 'change nothing: only tell whether starter/ is what generation would give')
  .addHelpText(
    'after',
    exitStatusHelp({
      0: 'starter/ was generated (with --check: is up to date)',
      1: "reference/'s solution regions are malformed, or (with --check) starter/ is stale",
      [USAGE_ERROR]: 'an unknown option or argument',
    }),
  )
  .exitOverride(exitOnUsageError)
  .action((flags: { check?: boolean }) => {
    process.exitCode = main(flags);
  })
  .parse();
