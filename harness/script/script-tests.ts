/**
 * Packet scripts as jest tests: in a milestone's tests,
 *
 *     scriptTests(path.join(__dirname, 'scripts'));
 *
 * registers one test per `.pkt` file of that folder (named after the file and the first sentence
 * of its opening comment: {@link scriptTestName}), run against the stack under test
 * (SOCKLAB_SUBMISSION) with the run's seed (SOCKLAB_SEED). A failing script
 * fails its test with the script's report; its pcap goes under artifacts/ next to the test's.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { submissionUnderTest } from '../loader';
import { runSeed } from '../sim/rng';
import { runScriptFile, type FileRunOptions } from './run-file';
import { scriptTestName } from './script-title';

/** Register one jest test per script in `dir`. `options.stack` pins the stack (default: the one under test). */
export function scriptTests(dir: string, options: Partial<Pick<FileRunOptions, 'stack' | 'backend'>> = {}): void {
  const files = fs.readdirSync(dir).filter((file) => file.endsWith('.pkt')).sort();
  if (files.length === 0) throw new Error(`scriptTests: no .pkt scripts in ${dir}`);
  for (const file of files) {
    test(scriptTestName(file, fs.readFileSync(path.join(dir, file), 'utf8')), async () => {
      const { testPath, currentTestName } = expect.getState();
      const result = await runScriptFile(path.join(dir, file), {
        stack: options.stack ?? submissionUnderTest(),
        seed: runSeed(),
        ...(options.backend ? { backend: options.backend } : {}),
        artifactFile: testPath ?? path.join(dir, file),
        artifactName: currentTestName ?? file,
      });
      if (!result.passed) throw reportError(result.report);
    });
  }
}

/** An error that jest prints as the report alone: a stack trace into the runner would only distract. */
function reportError(report: string): Error {
  const error = new Error(report);
  error.stack = report;
  return error;
}
