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
import { watchTimers } from './deadlines';
import { bytesInFlight } from './in-flight';
import { sendSegment } from './output';
import { seqAdd } from './seq';
import { TCP_ACK } from './segment';
import { enterClosed } from './state';
import { TCP_DATA_RETRIES, TCP_MAX_RTO_MS } from './retransmit-timer';

/** Start the persist timer unless it runs: the next probe is due one (backed-off) RTO from now. */
export function startPersistTimer(socket: TcpConnection): void {
  // @solution m3 begin: start the persist timer (the base RTO, doubled for each probe already sent, at most 120 s)
  const tcb = socket.tcb;
  if (tcb.persistDeadline !== undefined) return;
  const interval = Math.min(tcb.retransmit.baseRto * 2 ** tcb.zeroWindowProbes, TCP_MAX_RTO_MS);
  tcb.persistDeadline = socket.host.now() + interval;
  watchTimers(socket);
  // @solution end
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
  // @solution m3 begin: send a zero-window probe (one byte), back off, give up after unanswered probes
  const tcb = socket.tcb;
  tcb.persistDeadline = undefined;
  if (tcb.unansweredProbes >= TCP_DATA_RETRIES) {
    enterClosed(socket, 'ETIMEDOUT');
    return;
  }
  const inFlight = bytesInFlight(tcb);
  if (inFlight === 0 && tcb.sendQueue.length === 0) {
    if (!tcb.finQueued || tcb.finSent) return; // nothing left to send: nothing to probe for
    // Only the FIN waits, and it is no byte of data: probe as Linux does, with an empty ACK one
    // below SND.UNA, which the peer must answer with an ACK that shows its window.
    sendSegment(socket, { seq: seqAdd(tcb.sndUna, -1), flags: TCP_ACK, payload: new Uint8Array(0) });
  } else {
    const seq = inFlight > 0 ? tcb.sndUna : tcb.sndNxt;
    sendSegment(socket, { seq, flags: TCP_ACK, payload: tcb.sendQueue.peek(0, 1) }, inFlight > 0);
    if (inFlight === 0) tcb.sndNxt = seqAdd(tcb.sndNxt, 1);
  }
  tcb.unansweredProbes++;
  tcb.zeroWindowProbes++;
  startPersistTimer(socket);
  // @solution end
}
