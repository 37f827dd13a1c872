/** How the HTML pages show numbers and statuses. */
import { escapeMarkup } from '../../../harness/checks/escape-markup';

/** `97.5 / 100`. */
export function fraction(score: number, max: number): string {
  return `${score} / ${max}`;
}

/** At most two decimals: a mean of 7.333… points is 7.33. */
export function rounded(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** `12 ms`, `3.4 s`: test times are milliseconds, milestones' take seconds. */
export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A milestone's or a test's status, coloured by the stylesheet (page.ts) and still said in words. */
export function statusBadge(status: string): string {
  const text = escapeMarkup(status);
  return `<span class="status status-${text}">${text}</span>`;
}
