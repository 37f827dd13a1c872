/**
 * Checking a report against `schema/report.schema.json` (JSON Schema 2020-12, with ajv). The
 * grader checks every report before writing it, and `grader validate FILE` checks one on disk.
 */
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import schema from './schema/report.schema.json';
import type { Report } from './report';

// strict mode makes ajv reject mistakes in the schema itself (unknown keywords, typos).
const validate = new Ajv2020({ allErrors: true, strict: true }).compile<Report>(schema);

/** Every way `data` breaks the schema, one readable line each; empty when it is a valid report. */
export function reportProblems(data: unknown): string[] {
  if (validate(data)) return [];
  return (validate.errors ?? []).map(describeError);
}

/** `/milestones/0/status: must be equal to one of the allowed values (passed, partial, …)`. */
function describeError(error: ErrorObject): string {
  const where = error.instancePath || '(the report)';
  const params = error.params as Record<string, unknown>;
  const detail = [
    params.allowedValues ? `: ${(params.allowedValues as unknown[]).map(String).join(', ')}` : '',
    params.additionalProperty ? `: "${String(params.additionalProperty)}"` : '',
  ].join('');
  return `${where}: ${error.message ?? 'is invalid'}${detail}`;
}
