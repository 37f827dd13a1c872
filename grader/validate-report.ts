/**
 * Checking a report against `schema/report.schema.json` (JSON Schema 2020-12, with ajv). The
 * grader checks every report before writing it, and `grader validate FILE` checks one on disk.
 */
import { schemaChecker } from './schema-check';
import schema from './schema/report.schema.json';

/**
 * Every way `data` breaks the schema, one readable line each (`/milestones/0/status: must be equal
 * to one of the allowed values (passed, partial, …)`); empty when it is a valid report.
 */
export const reportProblems = schemaChecker(schema, '(the report)');
