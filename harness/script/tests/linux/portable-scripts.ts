/**
 * The scripts the Linux backend judges: every `.pkt` marked `--portable` under the milestones'
 * tests and the script language's own tests, each with about how long it runs in real time
 * (from its timing lines: ranges count to their end, blocking calls to their return, plus the
 * quiet period), so that a suite can tell the quick ones from those that wait out TCP's timers.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Timing } from '../../language/ast';
import { parseScript } from '../../language/parser';

/** The repository root (this file is four levels below). */
export const ROOT = path.resolve(__dirname, '../../../..');

/** Where portable scripts live: every milestone's tests, and the language's own test scripts. */
export function scriptRoots(): string[] {
  const assignments = path.join(ROOT, 'assignments');
  const milestones = fs.existsSync(assignments) ? fs.readdirSync(assignments).map((name) => path.join(assignments, name, 'tests')) : [];
  return [...milestones.filter((dir) => fs.existsSync(dir)), path.join(ROOT, 'harness', 'script', 'tests')];
}

/** A portable script, or a file that says `--portable` but does not parse (`error`). */
export interface PortableScript {
  readonly file: string;
  /** Relative to the repository root: the test's name. */
  readonly name: string;
  /** About how long it runs, in seconds. */
  readonly seconds: number;
  readonly error?: string;
}

/** Every portable script under `roots`, sorted by path. */
export function portableScripts(roots: readonly string[] = scriptRoots()): PortableScript[] {
  return roots
    .flatMap((root) => pktFiles(root))
    .sort()
    .flatMap((file): PortableScript[] => {
      const name = path.relative(ROOT, file);
      const text = fs.readFileSync(file, 'utf8');
      try {
        const script = parseScript(text, name);
        if (!script.options.portable) return [];
        return [{ file, name, seconds: lastTimeUs(script.events.map((event) => event.timing)) / 1e6 + script.options.quietUs / 1e6 }];
      } catch (error) {
        return /^--portable\b/m.test(text) ? [{ file, name, seconds: 0, error: error instanceof Error ? error.message : String(error) }] : [];
      }
    });
}

function pktFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return pktFiles(full);
    return entry.name.endsWith('.pkt') ? [full] : [];
  });
}

/** When the last line is over, at the latest. */
function lastTimeUs(timings: readonly Timing[]): number {
  let baseUs = 0;
  let endUs = 0;
  for (const timing of timings) {
    const at = (relative: boolean, us: number): number => (relative ? baseUs + us : us);
    if (timing.kind === 'at') baseUs = at(timing.relative, timing.us);
    else if (timing.kind === 'range') baseUs = at(timing.relative, timing.toUs);
    else if (timing.kind === 'blocking') {
      endUs = Math.max(endUs, at(timing.relative, timing.endUs));
      baseUs = at(timing.relative, timing.startUs);
    }
    endUs = Math.max(endUs, baseUs);
  }
  return endUs;
}
