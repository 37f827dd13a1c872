/**
 * Checking JSON against a JSON Schema (2020-12, with ajv), so that a mistake is reported with the
 * place in it: the files a milestone is made of (milestone.json, mutants.json), and the report.
 */
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import * as fs from 'node:fs';

/** Every way `data` breaks a schema, one `place: problem` line each; empty when it conforms. */
export type SchemaProblems = (data: unknown) => string[];

/** The checker of `schema`; a problem with the whole document is said to be at `topLevel`. */
export function schemaChecker(schema: object, topLevel = '(top level)'): SchemaProblems {
  // strict mode makes ajv reject mistakes in the schema itself (unknown keywords, typos).
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((error) => describeError(error, topLevel)));
}

/**
 * The parsed content of the JSON file `file`.
 * @throws Error naming the file when it is not JSON.
 */
export function readJson(file: string): unknown {
  const text = fs.readFileSync(file, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${file}: not JSON: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * `/tests/3/points: must be number`, `/tests/0: must NOT have additional properties: "pointz"`,
 * `(top level): property name must be valid: "Upper"`.
 */
function describeError(error: ErrorObject, topLevel: string): string {
  const where = error.instancePath || topLevel;
  const params = error.params as Record<string, unknown>;
  const propertyName = error.propertyName ?? params.propertyName;
  const detail = [
    params.allowedValues ? `: ${(params.allowedValues as unknown[]).map(String).join(', ')}` : '',
    params.additionalProperty ? `: "${String(params.additionalProperty)}"` : '',
    propertyName !== undefined ? `: "${String(propertyName)}"` : '',
  ].join('');
  return `${where}: ${error.message ?? 'is invalid'}${detail}`;
}

/**
 * The JSON in `file`, checked by `problemsOf` (a schema's checker, then any checks of its own).
 * @throws Error naming the file, then each problem on a line of its own, then `hint` if given.
 */
export function readCheckedJson<T>(file: string, problemsOf: SchemaProblems, hint?: string): T {
  const data = readJson(file);
  const problems = problemsOf(data);
  if (problems.length > 0) throw new Error([`${file}:`, ...problems, ...(hint === undefined ? [] : [hint])].join('\n  '));
  return data as T;
}
