/**
 * The lines of the reference's solution regions, and the lines it gives away anyway (everything
 * outside the regions, which the starter keeps).
 */
import { findRegions, type Region } from '../starter/regions';

/** One line of a solution region: trimmed, with the region it belongs to. */
export interface SolutionLine {
  readonly text: string;
  readonly region: Region;
}

/** A reference file split into its solution lines (non-blank, markers left out) and its given lines (trimmed). */
export interface SplitFile {
  readonly solution: readonly SolutionLine[];
  readonly given: readonly string[];
}

/** Split the TypeScript file `file`; throws the marker problems if its regions are malformed. */
export function splitSolution(file: string, text: string): SplitFile {
  const scan = findRegions(file, text);
  if (!scan.ok) throw new Error(`cannot read the solution regions:\n${scan.problems.join('\n')}`);
  const solution: SolutionLine[] = [];
  const given: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    const region = scan.regions.find((candidate) => candidate.beginLine <= line && line <= candidate.endLine);
    if (!region) given.push(trimmed);
    else if (line !== region.beginLine && line !== region.endLine && trimmed !== '') solution.push({ text: trimmed, region });
  });
  return { solution, given };
}
