/** The start of a simultaneous open (RFC 9293 §3.5, figure 8), where several tests begin. */
import type { Fd } from '../../../../harness/contract';
import { TcpFlag } from '../../../../harness/wire';
import type { PeerConnection } from './peer-connection';
import type { TcpLab } from './tcp-lab';
import { startConnect } from './tcp-sockets';

/**
 * The stack connects from `stackPort` to the peer's `peerPort`, and the peer's SYN crosses the
 * stack's: SYN_SENT → SYN_RECEIVED, answered with the stack's SYN again, now with an ACK. Returns
 * the stack's socket (blocking) and the peer's side, with both SYNs and the SYN-ACK seen.
 */
export async function crossedSyns(lab: TcpLab, stackPort: number, peerPort: number): Promise<{ fd: Fd; conn: PeerConnection }> {
  const fd = await startConnect(lab.sys, { address: lab.peerAddress, port: peerPort }, stackPort);
  const conn = lab.connection(peerPort, stackPort);
  await conn.expect({ flags: TcpFlag.SYN, seq: 0 });
  await conn.syn();
  await conn.expect({ flags: TcpFlag.SYN | TcpFlag.ACK, seq: 0, ack: 1 });
  return { fd, conn };
}
