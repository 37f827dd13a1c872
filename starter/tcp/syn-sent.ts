// Generated from reference/tcp/syn-sent.ts by `npm run starter:build`. This file is yours now: edit it freely.
// Each TODO(mN) stub below throws NotImplemented until you write that part in milestone N. Its
// `void name;` lines only mark the parameters as used, so that the stub compiles: delete them with it.

/**
 * A segment for a connection in SYN_SENT: the answer to our SYN (RFC 9293 §3.10.7.3).
 */
import type { TcpConnection } from './connection';
import { type TcpSegment } from './segment';
import { NotImplemented } from '../../harness/contract';

/**
 * Handle the answer to our SYN:
 *
 * - an ACK that does not acknowledge our SYN belongs to an old connection: answer RST (unless it
 *   is one) and drop it;
 * - a RST is believed only if its ACK acknowledges our SYN (RFC 5961 §3): the connection is
 *   refused (ECONNREFUSED);
 * - a SYN-ACK completes our side of the handshake: ESTABLISHED, and ACK it;
 * - a bare SYN means the peer opened at the same time (simultaneous open): SYN_RECEIVED, and
 *   answer with SYN-ACK, our SYN again with the ACK of theirs.
 *
 * Data on a SYN is not taken (the peer sends it again after the handshake).
 */
export function synSentInput(socket: TcpConnection, segment: TcpSegment): void {
  // TODO(m2): handle a segment in SYN_SENT (SYN-ACK, simultaneous open, RST → ECONNREFUSED, bad ACK → RST)
  void socket;
  void segment;
  throw new NotImplemented('m2', 'handle a segment in SYN_SENT (SYN-ACK, simultaneous open, RST → ECONNREFUSED, bad ACK → RST)');
}
