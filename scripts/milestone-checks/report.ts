/** What the CLI prints for each check. */
import type { MutantsCheck } from './check-mutants';
import type { SeedsCheck } from './check-seeds';
import type { StarterCheck } from './check-starter';
import { formatTable } from './table';

export function mutantsReport(check: MutantsCheck): string {
  const rows = check.outcomes.map(({ mutant, killers, error }) => {
    const failed = killers.filter((killer) => killer.failed).length;
    const verdict = error ? 'ERROR' : failed === killers.length ? 'killed' : 'SURVIVED';
    return [mutant.id, `${failed}/${killers.length}`, verdict, mutant.behaviour];
  });
  const killers = check.outcomes.map(
    ({ mutant, killers }) => `${mutant.id}\n${killers.map((k) => `  ${k.failed ? '✓' : '✗'} ${k.killer}\n      ${k.detail}`).join('\n')}`,
  );
  return [formatTable(['mutant', 'killers failed', 'verdict', 'behaviour broken'], rows), '', 'killers:', ...killers].join('\n');
}

export function starterReport(check: StarterCheck): string {
  return `starter: ${check.tests} tests ran, ${check.tests - check.problems.length} failed with a "not implemented" reason`;
}

export function seedsReport(check: SeedsCheck): string {
  const rows = check.outcomes.map((outcome) => [String(outcome.seed), String(outcome.passed), String(outcome.failures.length)]);
  return formatTable(['seed', 'passed', 'failed'], rows);
}
