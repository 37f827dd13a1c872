/**
 * What to do next after a run: the stubs its failures reached, one group per stub with the tests
 * it failed, in the handouts' order, and the other failures after them, one group per place in
 * the stack they went wrong at (or per message, without one).
 */
import type { Failure, StackSite } from './failures';
import { handoutRank, type HandoutEntry } from './handout-order';

/** A stub and the failing tests that reached it. */
export interface StubGroup {
  readonly milestone: string;
  readonly what: string;
  /** Where it throws: the site of the first of its failures that had one. */
  readonly site: StackSite | undefined;
  readonly tests: number;
}

/** Failures that reached no stub, at one place in the stack. */
export interface OtherGroup {
  readonly site: StackSite | undefined;
  /** The first failure's message and test: the others are alike enough. */
  readonly message: string;
  readonly firstTest: string;
  readonly tests: number;
}

export interface NextStep {
  /** In the handouts' order: the first is the one to fix first. */
  readonly stubs: readonly StubGroup[];
  /** In the order of their first failure. */
  readonly others: readonly OtherGroup[];
}

/** Where a stub throws, for one whose failures show no frame in the stack (stub-source.ts). */
export type LocateStub = (milestone: string, what: string) => StackSite | undefined;

export function nextStep(failures: readonly Failure[], order: readonly HandoutEntry[], locate: LocateStub): NextStep {
  const groups = new Map<string, StubGroup>();
  const others = new Map<string, OtherGroup>();
  for (const failure of failures) {
    if (failure.kind === 'other') {
      // One bug fails many tests, each with its own message ("in bind(fd 3, ...)"): its place tells them together.
      const key = failure.site ? `${failure.site.file}:${failure.site.line}` : failure.message;
      const group = others.get(key);
      others.set(key, group ? { ...group, tests: group.tests + 1 } : { site: failure.site, message: failure.message, firstTest: failure.test, tests: 1 });
      continue;
    }
    const key = `${failure.milestone}: ${failure.what}`;
    const group = groups.get(key);
    groups.set(key, {
      milestone: failure.milestone,
      what: failure.what,
      site: group?.site ?? failure.site,
      tests: (group?.tests ?? 0) + 1,
    });
  }
  const located = [...groups.values()].map((group) => (group.site ? group : { ...group, site: locate(group.milestone, group.what) }));
  const rank = (group: StubGroup): number => handoutRank(order, { milestone: group.milestone, file: group.site?.file, fn: group.site?.fn });
  // Stubs the handouts place alike (two in one function, or neither placed) go by file and line.
  const stubs = located.sort((a, b) => rank(a) - rank(b) || siteOrder(a.site, b.site));
  return { stubs, others: [...others.values()] };
}

function siteOrder(a: StackSite | undefined, b: StackSite | undefined): number {
  return (a?.file ?? '').localeCompare(b?.file ?? '') || (a?.line ?? 0) - (b?.line ?? 0);
}
