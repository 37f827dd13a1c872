/**
 * equivalent.json: the surviving mutants of a Stryker run that no behaviour of the stack can tell
 * from the original, each with the reason (mutation/<id>/equivalent.json). Its format is
 * equivalent.schema.json, beside this file.
 */
import * as fs from 'node:fs';
import { readCheckedJson, schemaChecker } from '../../grader/schema-check';
import schema from './equivalent.schema.json';
import type { EquivalentMutant } from './summary';

const schemaProblems = schemaChecker(schema);

/** The equivalent mutants listed in `file` (none when there is no file); throws naming the file and every problem. */
export function loadEquivalent(file: string): EquivalentMutant[] {
  return fs.existsSync(file) ? readCheckedJson<EquivalentMutant[]>(file, schemaProblems) : [];
}
