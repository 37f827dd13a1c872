/**
 * `npm run export:student -- DIR [--milestones m1-udp,m2-handshake]`: write a standalone student
 * repository into DIR (missing or empty). See scripts/export-student/export.ts for what it holds.
 *
 * Exit codes: 0 written; 1 the export would be broken or leak (nothing is written); 2 bad
 * arguments, an unknown milestone, or a folder already in use.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { exportStudent, ExportRefused } from './export-student/export';

const USAGE = 'usage: npm run export:student -- DIR [--milestones m1-udp,m2-handshake]';

/** The command line's folder and milestones (undefined: the default), or why it is not understood. */
function parse(args: readonly string[]): { dir: string; milestones: string[] | undefined } | string {
  try {
    const { positionals, values } = parseArgs({ args: [...args], allowPositionals: true, options: { milestones: { type: 'string' } } });
    const [dir, ...more] = positionals;
    if (dir === undefined || more.length > 0) return 'one folder expected';
    const milestones = values.milestones?.split(',').map((id) => id.trim()).filter((id) => id !== '');
    return { dir, milestones };
  } catch (error) {
    return (error as Error).message;
  }
}

function main(args: readonly string[]): number {
  const request = parse(args);
  if (typeof request === 'string') {
    console.error(`${request}\n${USAGE}`);
    return 2;
  }
  try {
    const plan = exportStudent(path.resolve(request.dir), request.milestones);
    // One line per top-level entry, and per milestone.
    const tops = new Set([...plan.keys()].map((file) => file.split('/').slice(0, file.startsWith('assignments/') ? 2 : 1).join('/')));
    console.log(`wrote ${plan.size} files to ${request.dir}:\n${[...tops].sort().map((top) => `  ${top}`).join('\n')}`);
    console.log(`next: cd ${request.dir} && npm ci && npm test`);
    return 0;
  } catch (error) {
    console.error((error as Error).message);
    return error instanceof ExportRefused ? 2 : 1;
  }
}

process.exitCode = main(process.argv.slice(2));
