/**
 * How much of the send queue is in flight: sent and not yet acknowledged. The sender
 * (transmit.ts), the persist timer that probes for it (persist.ts) and tcpInfo all ask.
 */
import { seqDiff } from './seq';
import type { Tcb } from './tcb';

/**
 * Data bytes sent and not yet acknowledged: SND.NXT − SND.UNA, less the SYN and the FIN while
 * they are unacknowledged (they occupy a sequence number each but carry no data).
 */
export function bytesInFlight(tcb: Tcb): number {
  const syn = tcb.state === 'SYN_SENT' || tcb.state === 'SYN_RECEIVED' ? 1 : 0;
  const fin = tcb.finSent && tcb.sndUna !== tcb.sndNxt ? 1 : 0;
  return Math.max(0, seqDiff(tcb.sndNxt, tcb.sndUna) - syn - fin);
}
