// Generated from reference/tcp/loss-resend.ts by `npm run starter:build`. This file is yours now: edit it freely.
// Each TODO(mN) stub below throws NotImplemented until you write that part in milestone N. Its
// `void name;` lines only mark the parameters as used, so that the stub compiles: delete them with it.

/**
 * After a retransmission timeout (milestone 4): everything that was in flight counts as lost, and
 * is resent from the oldest byte on as the window grows again (go-back-N), before any new data, as
 * RFC 5681 §3.1 describes and Linux does. The bytes resent and not yet acknowledged are what is
 * in flight meanwhile: the rest is presumed gone.
 */
import type { TcpConnection } from './connection';
import { NotImplemented } from '../../harness/contract';

/**
 * In a loss episode, resend what cwnd now has room for, from `resendNext` up to what had been sent
 * when the timer fired, in segments of at most an MSS (the last with the FIN, if one was sent).
 * Resending the oldest segment restarts the retransmission timer, as Linux does: its next timeout
 * is an RTO after that copy.
 */
export function resendAfterLoss(socket: TcpConnection): void {
  // TODO(m4): after a timeout, resend the data sent before it from the oldest byte on, as cwnd allows
  void socket;
  throw new NotImplemented('m4', 'after a timeout, resend the data sent before it from the oldest byte on, as cwnd allows');
}
