/**
 * The end-to-end check of milestone 5: one event loop on the stack under test serves many
 * clients at once, and every client gets its own answer.
 */
import type { CreateKernel } from '../../../../harness/contract';
import type { Sys } from '../../../../harness/runtime';
import type { NetTest } from '../../../../harness/testkit';
import { clientSwarm, requestOf } from './client-swarm';
import { answerTo, eventLoopServer, type ServerStats } from './event-loop-server';

/** The server's port. */
const SERVICE_PORT = 8080;

/** How a serving went: the server's figures, and each client that got another's answer (or none). */
export interface Serving {
  readonly stats: ServerStats;
  readonly wrongAnswers: string[];
}

/** Serve `count` clients run on `clients` from an event loop on `server` (at `serverAddress`). */
export async function serveClientsOn(clients: Sys, server: Sys, serverAddress: string, count: number): Promise<Serving> {
  const [stats, answers] = await Promise.all([eventLoopServer(server, SERVICE_PORT, count), clientSwarm(clients, { address: serverAddress, port: SERVICE_PORT }, count)]);
  const wrongAnswers = answers.flatMap((answer, client) => (answer === answerTo(requestOf(client)) ? [] : [`client ${client} got ${JSON.stringify(answer)}`]));
  return { stats, wrongAnswers };
}

/**
 * Serve `count` clients running on `clients` (a kernel) from the stack under test; fail unless
 * every client got its answer and the server held all connections at once.
 */
export async function serveClients(t: NetTest, clients: CreateKernel, count: number): Promise<ServerStats> {
  const net = t.twoStacks({ a: clients, b: t.stack.createKernel });
  const { stats, wrongAnswers } = await serveClientsOn(net.sysA, net.sysB, net.b.address, count);
  expect(wrongAnswers.slice(0, 5)).toEqual([]);
  expect({ served: stats.served, mostOpen: stats.mostOpen }).toEqual({ served: count, mostOpen: count });
  return stats;
}
