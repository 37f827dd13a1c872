/**
 * The grader's command line.
 *
 *     grader run --submission DIR [--milestones m1-udp,m2-handshake] [--seed N] [--out FILE]
 *                [--format json,gradescope,classroom,junit,tap,summary,html] [--assignments DIR]
 *                [--time-limit SECONDS] [--memory-limit MB]
 *     grader validate FILE
 *     grader export FILE [--format ...] [--dir DIR]
 *     grader gradescope-bundle [--out autograder.zip] [--milestones m1-udp]
 *     grader batch CLASS_DIR [--out DIR] [--jobs N] [--regrade] [and run's options]
 *
 * Exit codes: {@link EXIT}, explained by `grader --help` and each command's --help.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import * as path from 'node:path';
import { exitStatusHelp } from '../harness/cli/exit-status';
import { batchCommand, type BatchFlags } from './batch/batch-command';
import { version } from '../package.json';
import { GradingError, UsageError } from './errors';
import { EXPORTS, FORMATS, parseFormats, type Format } from './export';
import type { ExportFolders } from './export/folders';
import { grade, selectMilestones } from './grade';
import { writeGradescopeBundle } from './gradescope/bundle';
import { gradeProgress } from './grade-progress';
import { writeExports } from './outputs';
import { ASSIGNMENTS_DIR } from './milestone';
import type { Report } from './report';
import { readReport, unwritableReason, writeReport } from './report-file';

/** The grader's exit codes (`grader --help` says what each means). */
export const EXIT = { ok: 0, invalid: 1, usage: 2, failed: 3 } as const;

const DEFAULT_OUT = path.join('artifacts', 'grader', 'report.json');
const DEFAULT_FORMATS = 'json,summary';
const DEFAULT_BATCH_OUT = path.join('artifacts', 'grader', 'class');

interface RunFlags {
  readonly submission: string;
  readonly milestones?: string[];
  readonly seed?: number;
  readonly out: string;
  readonly format: Format[];
  readonly assignments?: string;
  readonly timeLimit?: number;
  readonly memoryLimit?: number;
  readonly progress: boolean;
}

/** Run the CLI on `argv` (as process.argv); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command('grader')
    .description('Grade socklab submissions.')
    .version(version)
    .addHelpText(
      'after',
      exitStatusHelp({
        [EXIT.ok]: 'a report was produced (whatever its score), exported, or is valid',
        [EXIT.invalid]: '`validate` found the report invalid',
        [EXIT.usage]: 'bad arguments',
        [EXIT.failed]: 'grading itself failed: unreadable assignments, a report that breaks our own schema, an internal error',
      }),
    )
    .exitOverride();

  const run = program
    .command('run')
    .description('grade one submission: write the report (validated) and the exports next to it')
    .requiredOption('--submission <dir>', "'reference', 'starter', or a submission folder")
    .option('--out <file>', 'where to write the report', DEFAULT_OUT);
  gradingOptions(run, 'the exports next to the report')
    .option('--no-progress', 'show no progress on stderr (on a terminal a bar with the time left, elsewhere a line per finished test file)')
    .addHelpText('after', exitStatusHelp({ [EXIT.ok]: 'a report was produced, whatever its score', [EXIT.usage]: 'bad arguments', [EXIT.failed]: 'grading itself failed (nothing is written)' }))
    .action((flags: RunFlags) => gradeOne(flags));

  program
    .command('validate')
    .description('check a report against grader/schema/report.schema.json')
    .argument('<file>')
    .addHelpText('after', exitStatusHelp({ [EXIT.ok]: 'the report is valid', [EXIT.invalid]: 'the report is invalid (the problems are printed)', [EXIT.usage]: 'bad arguments' }))
    .action((file: string) => {
      const read = readReport(file);
      if (read.ok) process.stdout.write(`${file}: a valid report\n`);
      else process.stderr.write(`${file}: not a valid report\n${read.problems.map((p) => `  ${p}`).join('\n')}\n`);
      code = read.ok ? EXIT.ok : EXIT.invalid;
    });

  program
    .command('export')
    .description('write exports of an existing report')
    .argument('<file>')
    .option('--format <list>', Object.keys(EXPORTS).join(','), parseFormats, parseFormats('summary'))
    .option('--dir <dir>', "where to write them (default: the report's folder)")
    .addHelpText('after', exitStatusHelp({ [EXIT.ok]: 'the exports were written', [EXIT.usage]: 'bad arguments, or the file is not a valid report', [EXIT.failed]: 'an internal error' }))
    .action((file: string, flags: { format: Format[]; dir?: string }) => {
      const read = readReport(file);
      if (!read.ok) throw new UsageError(`${file} is not a valid report:\n${read.problems.join('\n')}`);
      emit(read.report, { reportDir: path.dirname(file), outDir: flags.dir ?? path.dirname(file) }, flags.format);
    });

  program
    .command('gradescope-bundle')
    .description("write the zip to upload as a Gradescope autograder: setup.sh, run_autograder, and the grader with every milestone's tests")
    .option('--out <file>', 'where to write the zip', 'autograder.zip')
    .option('--milestones <ids>', 'comma-separated milestone ids the autograder grades (default: all; one Gradescope assignment per milestone wants one)', list)
    .addHelpText('after', exitStatusHelp({ [EXIT.ok]: 'the zip was written', [EXIT.usage]: 'bad arguments: an unknown milestone', [EXIT.failed]: 'an internal error (the zip could not be written)' }))
    .action((flags: { out: string; milestones?: string[] }) => {
      const ids = selectMilestones(ASSIGNMENTS_DIR, flags.milestones).map(({ milestone }) => milestone.id);
      const files = writeGradescopeBundle(flags.out, ids);
      process.stderr.write(`${flags.out}: a Gradescope autograder of ${files} files grading ${ids.join(', ')}\n`);
    });

  const batch = program
    .command('batch')
    .description('grade every submission of a class folder (folders, student repositories, zip files), several at once: a folder per submission, class.csv and class.html')
    .argument('<class-dir>', 'one folder or zip file per submission, named after the student')
    .option('--out <dir>', 'where the folders, class.csv and class.html go', DEFAULT_BATCH_OUT)
    .option('--jobs <n>', 'gradings at once (default: one per core, plus one)', positiveInteger)
    .option('--regrade', 'grade again the submissions already graded in --out (by default a rerun grades only what is missing)');
  gradingOptions(batch, 'the exports beside each report (report.html always)')
    .option('--no-progress', 'show no progress on stderr')
    .addHelpText(
      'after',
      exitStatusHelp({
        [EXIT.ok]: 'every submission has a finished folder (graded, or why it could not be)',
        [EXIT.usage]: 'bad arguments, or another batch is writing --out',
        [EXIT.failed]: 'grading itself failed (unreadable assignments); what was finished is kept',
      }),
    )
    .action((classDir: string, flags: BatchFlags) => batchCommand(classDir, flags));

  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (error) {
    return failure(error);
  }
}

/** The options `run` and `batch` share: what to grade with, and how. */
function gradingOptions(command: Command, formats: string): Command {
  return command
    .option('--format <list>', `${FORMATS.join(',')}: ${formats}`, parseFormats, parseFormats(DEFAULT_FORMATS))
    .option('--milestones <ids>', 'comma-separated milestone ids (default: all)', list)
    .option('--seed <n>', 'the seed of every test (default 1)', integer)
    .option('--assignments <dir>', 'the folder of milestone folders (default: assignments/)')
    .option('--time-limit <seconds>', "replace every milestone's wall-time limit", positive)
    .option('--memory-limit <mb>', "replace every milestone's memory limit", positive);
}

/** Grade, write the report (or throw: nothing is written unless the report is valid), export. */
async function gradeOne(flags: RunFlags): Promise<void> {
  const unwritable = unwritableReason(flags.out);
  if (unwritable) throw new UsageError(`cannot write the report to ${flags.out}: ${unwritable}`);
  const { stop, ...progress } = gradeProgress(flags.progress, (m) =>
    process.stderr.write(`${m.id}: ${m.score}/${m.maxScore} ${m.status} (${(m.durationMs / 1000).toFixed(1)} s)\n`),
  );
  let report: Report;
  try {
    report = await grade({
      submission: flags.submission,
      assignmentsDir: flags.assignments,
      milestones: flags.milestones,
      seed: flags.seed,
      timeLimitSeconds: flags.timeLimit,
      memoryMb: flags.memoryLimit,
      // Beside the report: a later grading writing elsewhere cannot overwrite this one's evidence.
      evidenceDir: path.dirname(flags.out),
      ...progress,
    });
  } finally {
    stop();
  }
  writeReport(report, flags.out);
  process.stderr.write(`report: ${flags.out}\n`);
  emit(report, { reportDir: path.dirname(flags.out), outDir: path.dirname(flags.out) }, flags.format);
}

/** Write the exports and print the summary if it is one of them. */
function emit(report: Report, folders: ExportFolders, formats: readonly Format[]): void {
  for (const file of writeExports(report, folders.outDir, formats, folders.reportDir)) process.stderr.write(`export: ${file}\n`);
  if (formats.includes('summary')) process.stdout.write(`\n${EXPORTS.summary.render(report, folders)}`);
}

/** The exit code for what went wrong, after saying it. */
function failure(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help, or the version).
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`grader: ${message}\n`);
  if (error instanceof UsageError) return EXIT.usage;
  if (!(error instanceof GradingError) && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return EXIT.failed;
}

function list(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function integer(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new InvalidArgumentError('an integer is expected');
  return value;
}

function positiveInteger(text: string): number {
  const value = integer(text);
  if (value < 1) throw new InvalidArgumentError('a positive integer is expected');
  return value;
}

function positive(text: string): number {
  const value = Number(text);
  if (!(value > 0) || !Number.isFinite(value)) throw new InvalidArgumentError('a positive number is expected');
  return value;
}

/** Run as a program: the exit code becomes the process's. */
export function runCli(): void {
  // A signal would end the grader without its 'exit' hooks, leaving the test process running.
  process.once('SIGINT', () => process.exit(130));
  process.once('SIGTERM', () => process.exit(143));
  void main(process.argv).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) runCli();
