/**
 * equivalent.json: the surviving mutants of a Stryker run that no behaviour of the stack can tell
 * from the original, each with the reason (mutation/<id>/equivalent.json). Its format is
 * equivalent.schema.json, beside this file.
 */
import * as fs from 'node:fs';
import { readJson, schemaChecker } from '../../grader/schema-check';
import schema from './equivalent.schema.json';
import type { EquivalentMutant } from './summary';

const schemaProblems = schemaChecker(schema);

/** The equivalent mutants listed in `file` (none when there is no file); throws naming the file and every problem. */
export function loadEquivalent(file: string): EquivalentMutant[] {
  if (!fs.existsSync(file)) return [];
  const data = readJson(file);
  const problems = schemaProblems(data);
  if (problems.length > 0) throw new Error(`${file}:\n  ${problems.join('\n  ')}`);
  return data as EquivalentMutant[];
}
