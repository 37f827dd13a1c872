/**
 * The dumbbell: hosts on the left and on the right, each on its own access link to its side's
 * router, and one bottleneck link pair between the routers — where competing flows share a queue,
 * which is what congestion control and fairness tests need.
 *
 *     left1 (10.0.1.1) ──┐                                  ┌── right1 (10.0.2.1)
 *     left2 (10.0.1.2) ──┼─ left-router ══bottleneck══ right-router ─┼── right2 (10.0.2.2)
 *     ...                ┘                                  └── ...
 */
import type { Host } from './host';
import { Link, type LinkOptions } from './link';
import { Router } from './router';
import { Simulator } from './simulator';
import { createHost, type HostSpec, type TopologyOptions } from './topology';
import { Trace } from './trace';

/** Access links unless a test says otherwise: 1 Gbit/s, 1 ms, no queue limit (they never build one). */
export const DUMBBELL_ACCESS: LinkOptions = { rateBps: 1e9, delayUs: 1_000 };

/** The bottleneck unless a test says otherwise: 10 Mbit/s, 10 ms, a drop-tail queue of 100 packets. */
export const DUMBBELL_BOTTLENECK: LinkOptions = { rateBps: 10e6, delayUs: 10_000, queue: { packets: 100 } };

export interface DumbbellOptions extends TopologyOptions {
  /** The left hosts (default names `left1`, ..., addresses 10.0.1.1, ...). */
  readonly left: readonly HostSpec[];
  /** The right hosts (default names `right1`, ..., addresses 10.0.2.1, ...). */
  readonly right: readonly HostSpec[];
  /** Every access link, both directions, over {@link DUMBBELL_ACCESS} (a shallow merge). */
  readonly access?: LinkOptions;
  /** Both directions of the bottleneck, over {@link DUMBBELL_BOTTLENECK}. */
  readonly bottleneck?: LinkOptions;
  /** The right→left direction of the bottleneck (the ACK path), over `bottleneck`. */
  readonly bottleneckReverse?: LinkOptions;
}

/** A host's access link pair. */
export interface AccessLinks {
  /** Host → router. */
  readonly fromHost: Link;
  /** Router → host. */
  readonly toHost: Link;
}

/** A built dumbbell. Every link is watched by `trace`. */
export interface Dumbbell {
  readonly sim: Simulator;
  readonly left: readonly Host[];
  readonly right: readonly Host[];
  readonly routers: { readonly left: Router; readonly right: Router };
  readonly links: {
    /** `forward` carries left→right, `reverse` right→left. */
    readonly bottleneck: { readonly forward: Link; readonly reverse: Link };
    readonly left: readonly AccessLinks[];
    readonly right: readonly AccessLinks[];
  };
  readonly trace: Trace;
}

/** Build a dumbbell on a new simulator seeded with `options.seed`. */
export function dumbbell(options: DumbbellOptions): Dumbbell {
  const sim = new Simulator({ seed: options.seed, timeLimitUs: options.timeLimitUs });
  const trace = new Trace();
  const routers = { left: new Router('left-router'), right: new Router('right-router') };
  const bottleneck = { ...DUMBBELL_BOTTLENECK, ...options.bottleneck };
  const forward = new Link(sim, `${routers.left.name}→${routers.right.name}`, routers.right, bottleneck);
  const reverse = new Link(sim, `${routers.right.name}→${routers.left.name}`, routers.left, {
    ...bottleneck,
    ...options.bottleneckReverse,
  });
  trace.watch(forward, { fromHost: false, toHost: false });
  trace.watch(reverse, { fromHost: false, toHost: false });

  const side = (specs: readonly HostSpec[], prefix: string, subnet: string, router: Router, across: Router, out: Link) => {
    if (specs.length > 254) throw new RangeError(`a dumbbell side has room for 254 hosts (${subnet}.1-254), got ${specs.length}`);
    const hosts: Host[] = [];
    const links: AccessLinks[] = [];
    specs.forEach((spec, i) => {
      const host = createHost(sim, spec, { name: `${prefix}${i + 1}`, address: `${subnet}.${i + 1}` }, options);
      const access = { ...DUMBBELL_ACCESS, ...options.access };
      const fromHost = new Link(sim, `${host.name}→${router.name}`, router, access);
      const toHost = new Link(sim, `${router.name}→${host.name}`, host, access);
      host.attach(fromHost);
      router.route(host.address, toHost);
      across.route(host.address, out);
      trace.watch(fromHost, { fromHost: true, toHost: false });
      trace.watch(toHost, { fromHost: false, toHost: true });
      hosts.push(host);
      links.push({ fromHost, toHost });
    });
    return { hosts, links };
  };
  // The far router reaches a host through the bottleneck direction that leads to the host's side.
  const left = side(options.left, 'left', '10.0.1', routers.left, routers.right, reverse);
  const right = side(options.right, 'right', '10.0.2', routers.right, routers.left, forward);

  return {
    sim,
    left: left.hosts,
    right: right.hosts,
    routers,
    links: { bottleneck: { forward, reverse }, left: left.links, right: right.links },
    trace,
  };
}
