/**
 * A crowd's network: one server and many clients, each host on a pair of links of its own to a
 * router in the middle.
 *
 *     client1 (10.0.1.1) ──┐
 *     client2 (10.0.1.2) ──┼── router ── server (10.0.0.2)
 *     ...                  ┘
 *
 * Every link takes half a millisecond, so that a client and the server are 1 ms apart, as the two
 * hosts of the other demos are. The clients fill 10.0.1.1-254, then 10.0.2.1-254, and so on.
 */
import type { CreateKernel } from '../../harness/contract';
import type { Host } from '../../harness/sim/host';
import { Link } from '../../harness/sim/link';
import { Router } from '../../harness/sim/router';
import { Simulator } from '../../harness/sim/simulator';
import { createHost } from '../../harness/sim/topology';
import { Trace } from '../../harness/sim/trace';

/** One way, host to router (and router to host). */
const HALF_WAY_US = 500;
/** Hosts in one /24 of clients: .1 to .254. */
const PER_SUBNET = 254;
/** The most clients a star has room for (10.0.1.1 to 10.0.255.254). */
export const MAX_STAR_CLIENTS = 255 * PER_SUBNET;

export interface StarOptions {
  readonly seed: number;
  readonly clients: number;
  readonly serverKernel: CreateKernel;
  readonly clientKernel: CreateKernel;
}

/** A built star. The trace sees each packet once, as its host sends it (not again as the router forwards it). */
export interface Star {
  readonly sim: Simulator;
  readonly server: Host;
  readonly clients: readonly Host[];
  readonly trace: Trace;
}

/** Build a star on a new simulator seeded with `options.seed`. */
export function star(options: StarOptions): Star {
  if (!(options.clients >= 1 && options.clients <= MAX_STAR_CLIENTS)) throw new RangeError(`a star has room for 1 to ${MAX_STAR_CLIENTS} clients, not ${options.clients}`);
  const sim = new Simulator({ seed: options.seed });
  const router = new Router('router');
  const trace = new Trace();
  const attach = (host: Host): void => {
    const out = new Link(sim, `${host.name}→router`, router, { delayUs: HALF_WAY_US });
    host.attach(out);
    router.route(host.address, new Link(sim, `router→${host.name}`, host, { delayUs: HALF_WAY_US }));
    trace.watch(out, { fromHost: true, toHost: false });
  };
  const server = createHost(sim, { createKernel: options.serverKernel }, { name: 'server', address: '10.0.0.2' }, { seed: options.seed });
  attach(server);
  const clients = Array.from({ length: options.clients }, (_, i) => {
    const address = `10.0.${1 + Math.floor(i / PER_SUBNET)}.${1 + (i % PER_SUBNET)}`;
    const client = createHost(sim, { createKernel: options.clientKernel }, { name: `client${i + 1}`, address }, { seed: options.seed });
    attach(client);
    return client;
  });
  return { sim, server, clients, trace };
}
