/**
 * `npm run export:student -- DIR [--milestones m1-udp,m2-handshake]`: write a standalone student
 * repository into DIR (missing or empty). See scripts/export-student/export.ts for what it holds.
 */
import { Command } from 'commander';
import * as path from 'node:path';
import { exitOnUsageError, exitStatusHelp, USAGE_ERROR } from '../harness/cli/exit-status';
import { exportStudent, ExportRefused } from './export-student/export';

const EXIT = { written: 0, broken: 1, refused: USAGE_ERROR } as const;

function milestoneList(text: string): string[] {
  return text
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

function main(dir: string, milestones: readonly string[] | undefined): number {
  try {
    const plan = exportStudent(path.resolve(dir), milestones);
    // One line per top-level entry, and per milestone.
    const tops = new Set([...plan.keys()].map((file) => file.split('/').slice(0, file.startsWith('assignments/') ? 2 : 1).join('/')));
    console.log(`wrote ${plan.size} files to ${dir}:\n${[...tops].sort().map((top) => `  ${top}`).join('\n')}`);
    console.log(`next: cd ${dir} && npm ci && npm test`);
    return EXIT.written;
  } catch (error) {
    console.error((error as Error).message);
    return error instanceof ExportRefused ? EXIT.refused : EXIT.broken;
  }
}

new Command('npm run export:student --')
  .description('Write a standalone repository for students: the starter as stack/, handouts, public tests, the harness read-only.')
  .argument('<dir>', 'where to write it: a missing or empty folder')
  .option('--milestones <ids>', 'comma-separated milestone ids (default: all)', milestoneList)
  .addHelpText(
    'after',
    exitStatusHelp({
      [EXIT.written]: 'the repository was written',
      [EXIT.broken]: 'the export would be broken or leak a solution (nothing is written)',
      [EXIT.refused]: 'bad arguments, an unknown milestone, or a folder already in use',
    }),
  )
  .showHelpAfterError()
  .exitOverride(exitOnUsageError)
  .action((dir: string, flags: { milestones?: string[] }) => {
    process.exitCode = main(dir, flags.milestones);
  })
  .parse();
