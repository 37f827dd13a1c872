/** What the CLI prints for each check. */
import type { MutantsCheck } from './check-mutants';
import type { SeedsCheck } from './check-seeds';
import type { StarterCheck } from './check-starter';
import { formatTable } from './table';

export function mutantsReport(check: MutantsCheck): string {
  const seeds = new Set(check.outcomes.map((outcome) => outcome.seed));
  const seedColumn = (seed: number): string[] => (seeds.size > 1 ? [String(seed)] : []);
  const rows = check.outcomes.map(({ mutant, seed, killers, error }) => {
    const failed = killers.filter((killer) => killer.failed).length;
    const verdict = error ? 'ERROR' : failed === killers.length ? 'killed' : 'SURVIVED';
    return [mutant.id, ...seedColumn(seed), `${failed}/${killers.length}`, verdict, mutant.behaviour];
  });
  const killers = check.outcomes.map(
    ({ mutant, seed, killers }) =>
      `${mutant.id}${seeds.size > 1 ? ` (seed ${seed})` : ''}\n${killers.map((k) => `  ${k.failed ? '✓' : '✗'} ${k.killer}\n      ${k.detail}`).join('\n')}`,
  );
  const header = ['mutant', ...(seeds.size > 1 ? ['seed'] : []), 'killers failed', 'verdict', 'behaviour broken'];
  return [formatTable(header, rows), '', 'killers:', ...killers].join('\n');
}

export function starterReport(check: StarterCheck): string {
  return `starter: ${check.tests} tests ran, ${check.tests - check.problems.length} failed with a "not implemented" reason`;
}

export function seedsReport(check: SeedsCheck): string {
  const rows = check.outcomes.map((outcome) => [String(outcome.seed), String(outcome.passed), String(outcome.failures.length)]);
  return formatTable(['seed', 'passed', 'failed'], rows);
}
