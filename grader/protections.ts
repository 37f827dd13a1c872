/**
 * What kept the judge safe from the submission on this machine, as the report states it: a
 * protection the machine did not allow is named, with why, rather than silently missing.
 */
import { networkIsolation } from '../harness/port/network-isolation';
import { memoryBudget } from './budget';
import type { Protection } from './report';

/** The protections a grading under `memoryMb` gets here; probes the machine (cheaply) each time. */
export function protections(memoryMb: number): Protection[] {
  const network = networkIsolation();
  const budget = memoryBudget(memoryMb);
  budget.dispose();
  return [
    { name: 'staging', obtained: true, how: 'the submission is graded from a private copy of its regular files; links out of it and special files are refused' },
    {
      name: 'kernel process',
      obtained: true,
      how: 'the stack runs in a process of its own under the permission model: no files but its copy, no programs, workers, addons, signals, eval, or Node modules but a few that compute',
    },
    { name: 'network', obtained: network.prefix.length > 0, how: network.how },
    { name: 'memory', obtained: budget.whole, how: budget.how },
  ];
}
