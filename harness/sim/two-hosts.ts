/**
 * The simplest topology: two hosts joined by a pair of links, one per direction.
 *
 *     a (10.0.0.1) ──ab──▶ b (10.0.0.2)
 *                  ◀──ba──
 */
import type { Host } from './host';
import { Link, type LinkOptions } from './link';
import { Simulator } from './simulator';
import { createHost, type HostSpec, type TopologyOptions } from './topology';
import { Trace } from './trace';

/** Links of a two-host topology unless a test says otherwise: 1 ms one way, infinitely fast, perfect. */
export const TWO_HOSTS_LINK: LinkOptions = { delayUs: 1_000 };

export interface TwoHostsOptions extends TopologyOptions {
  /** Host `a` (default name `a`, address 10.0.0.1). */
  readonly a: HostSpec;
  /** Host `b` (default name `b`, address 10.0.0.2). */
  readonly b: HostSpec;
  /** Both directions, over {@link TWO_HOSTS_LINK}. */
  readonly link?: LinkOptions;
  /** The a→b direction, over `link` (a shallow merge: a field given here replaces the whole field). */
  readonly ab?: LinkOptions;
  /** The b→a direction, over `link`. */
  readonly ba?: LinkOptions;
}

/** A built two-host topology. Every link is watched by `trace`. */
export interface TwoHosts {
  readonly sim: Simulator;
  readonly a: Host;
  readonly b: Host;
  readonly links: { readonly ab: Link; readonly ba: Link };
  readonly trace: Trace;
}

/** Build two hosts joined by two links, on a new simulator seeded with `options.seed`. */
export function twoHosts(options: TwoHostsOptions): TwoHosts {
  const sim = new Simulator({ seed: options.seed, timeLimitUs: options.timeLimitUs });
  const a = createHost(sim, options.a, { name: 'a', address: '10.0.0.1' }, options);
  const b = createHost(sim, options.b, { name: 'b', address: '10.0.0.2' }, options);
  const ab = new Link(sim, `${a.name}→${b.name}`, b, { ...TWO_HOSTS_LINK, ...options.link, ...options.ab });
  const ba = new Link(sim, `${b.name}→${a.name}`, a, { ...TWO_HOSTS_LINK, ...options.link, ...options.ba });
  a.attach(ab);
  b.attach(ba);
  const trace = new Trace();
  trace.watch(ab);
  trace.watch(ba);
  return { sim, a, b, links: { ab, ba }, trace };
}
