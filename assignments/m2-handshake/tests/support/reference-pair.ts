/**
 * The stack under test and the reference stack on two hosts, one the client (10.0.0.1) and one
 * the server (10.0.0.2), in either role. Hidden tests only: students' copies have no reference.
 * The reference is only ever the other end, never both ends (see m1's reference-peer.ts).
 */
import type { SockAddr } from '../../../../harness/contract';
import type { NetTest } from '../../../../harness/testkit';
import { referenceKernel } from '../../../m1-udp/tests/support/reference-peer';

/** Which end of the connection the stack under test plays. */
export type Role = 'client' | 'server';

/** Both roles, for `for (const role of ROLES)` around a test. */
export const ROLES: readonly Role[] = ['client', 'server'];

/** The port the server listens on. */
export const SERVICE_PORT = 4242;

/** Client and server hosts, `stackRole` the stack under test and the other the reference. */
export function referencePair(t: NetTest, stackRole: Role, options: Omit<NonNullable<Parameters<NetTest['twoStacks']>[0]>, 'a' | 'b'> = {}) {
  const stack = t.stack.createKernel;
  const reference = referenceKernel();
  const net = t.twoStacks({ ...options, a: stackRole === 'client' ? stack : reference, b: stackRole === 'server' ? stack : reference });
  const service: SockAddr = { address: net.b.address, port: SERVICE_PORT };
  return {
    net,
    client: net.sysA,
    server: net.sysB,
    service,
    /** The link from the client to the server, and back. */
    toServer: net.links.ab,
    toClient: net.links.ba,
  };
}
