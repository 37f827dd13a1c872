// Generated from reference/tcp/persist.ts by `npm run starter:build`. This file is yours now: edit it freely.
// Each TODO(mN) stub below throws NotImplemented until you write that part in milestone N. Its
// `void name;` lines only mark the parameters as used, so that the stub compiles: delete them with it.

/**
 * The persist timer (RFC 9293 §3.8.6.1): while the peer's window is zero and we have data to
 * send, we probe it, because the ACK that opens the window carries no data and is never
 * retransmitted: if it were lost, both ends would wait for each other forever. Probes back off
 * like retransmissions; the connection fails only when probes go unanswered (a peer that keeps
 * answering with a zero window may keep it closed as long as it likes: RFC 9293 says MUST).
 *
 * The probe is one byte of new data, as the RFCs send it. (Linux probes with an empty ACK one
 * byte below SND.UNA instead; socklab's tests accept either.) When only the FIN waits there is no
 * byte to send, and the probe takes Linux's form.
 */
import type { TcpConnection } from './connection';
import { NotImplemented } from '../../harness/contract';

/** Start the persist timer unless it runs: the next probe is due one (backed-off) RTO from now. */
export function startPersistTimer(socket: TcpConnection): void {
  // TODO(m3): start the persist timer (the base RTO, doubled for each probe already sent, at most 120 s)
  void socket;
  throw new NotImplemented('m3', 'start the persist timer (the base RTO, doubled for each probe already sent, at most 120 s)');
}

/** The window opened: stop probing, and start afresh (no backoff) the next time it closes. */
export function stopPersistTimer(socket: TcpConnection): void {
  const tcb = socket.tcb;
  tcb.persistDeadline = undefined;
  tcb.zeroWindowProbes = 0;
}

/**
 * The persist timer fired: give up with ETIMEDOUT after too many unanswered probes; otherwise send
 * a probe (the byte already probing, the first unsent one, or an empty ACK for a waiting FIN) and
 * wait twice as long.
 */
export function onPersistTimeout(socket: TcpConnection): void {
  // TODO(m3): send a zero-window probe (one byte), back off, give up after unanswered probes
  void socket;
  throw new NotImplemented('m3', 'send a zero-window probe (one byte), back off, give up after unanswered probes');
}
