/**
 * Checks over the packet trace of one TCP connection, seen as one direction of data: a sender
 * and a receiver. Each check reads the packets as the links recorded them (what each host sent,
 * and what each host was handed) and throws a message that names the first packet breaking the
 * rule: its time, its sequence or acknowledgment number (relative to the sender's ISN, as
 * Wireshark shows it) and the rule.
 *
 * The rules are milestone 3's: the sender keeps within the window the receiver offered; it does
 * not retransmit on a clean link; a retransmission waits at least the minimum RTO after the copy
 * before it, and repeated timeouts of one segment wait longer each time (backoff); no ACK covers
 * data that was never sent; and the receiver delivers each byte once, in order. Milestone 4's
 * loss recovery keeps them: a stack that already retransmits on three duplicate ACKs, and resends
 * the rest of a loss episode as ACKs come in (RFC 5681, RFC 6582), passes them too.
 */
import type { SockAddr } from '../../../../harness/contract';
import type { Trace } from '../../../../harness/sim/trace';
import { decodePacket, TcpFlag } from '../../../../harness/wire';
import { firstDifferingOffset } from './transfer';

/** RFC 6298's minimum RTO as Linux and socklab have it. */
export const MIN_RTO_MS = 200;

/** One segment of the connection, from the sender's or the receiver's side. */
export interface FlowSegment {
  readonly timeUs: number;
  /** `send`: the host transmitted it; `deliver`: the host was handed it (maybe a copy, maybe damaged). */
  readonly event: 'send' | 'deliver';
  /** Whether the data sender sent it (else the receiver did). */
  readonly fromSender: boolean;
  /** SEQ relative to its sender's ISN. */
  readonly seq: number;
  /** ACK relative to the other side's ISN (only meaningful when `hasAck`). */
  readonly ack: number;
  readonly hasAck: boolean;
  readonly len: number;
  readonly syn: boolean;
  readonly fin: boolean;
  readonly rst: boolean;
  readonly window: number;
  /** Whether the TCP checksum verifies (a damaged delivered copy does not). */
  readonly intact: boolean;
}

/** The segments of the connection between `sender` and `receiver`, in trace order. */
export interface Flow {
  readonly sender: SockAddr;
  readonly receiver: SockAddr;
  readonly segments: readonly FlowSegment[];
}

const time = (us: number): string => `${(us / 1e6).toFixed(6)} s`;
const end = (s: SockAddr): string => `${s.address}:${s.port}`;

function describe(flow: Flow, s: FlowSegment): string {
  const who = s.fromSender ? `${end(flow.sender)} > ${end(flow.receiver)}` : `${end(flow.receiver)} > ${end(flow.sender)}`;
  const what = s.fromSender ? `seq ${s.seq}:${s.seq + s.len} (${s.len} bytes)` : `ack ${s.ack}, win ${s.window}`;
  return `the segment ${s.event === 'send' ? 'sent' : 'received'} at ${time(s.timeUs)}, ${who} ${what}`;
}

/**
 * The connection between `sender` and `receiver` in `trace`, sequence numbers made relative to
 * each side's SYN. Throws when the trace holds no SYN of either side.
 */
export function flowOf(trace: Trace, sender: SockAddr, receiver: SockAddr): Flow {
  const raw: { timeUs: number; event: 'send' | 'deliver'; fromSender: boolean; seq: number; ack: number; flags: number; len: number; window: number; intact: boolean }[] = [];
  for (const e of trace.events) {
    if (e.kind === 'drop') continue;
    const decoded = decodePacket(e.packet);
    if (!decoded.ok || decoded.value.kind !== 'tcp') continue;
    const { ip, tcp } = decoded.value;
    const h = tcp.header;
    const src = { address: ip.header.src, port: h.srcPort };
    const dst = { address: ip.header.dst, port: h.dstPort };
    const same = (a: SockAddr, b: SockAddr): boolean => a.address === b.address && a.port === b.port;
    const fromSender = same(src, sender) && same(dst, receiver);
    if (!fromSender && !(same(src, receiver) && same(dst, sender))) continue;
    raw.push({ timeUs: e.timeUs, event: e.kind, fromSender, seq: h.seq, ack: h.ack, flags: h.flags, len: tcp.payload.length, window: h.window, intact: tcp.checksumOk && ip.checksumOk });
  }
  const isnOf = (fromSender: boolean): number => {
    const syn = raw.find((r) => r.event === 'send' && r.fromSender === fromSender && (r.flags & TcpFlag.SYN) !== 0);
    if (!syn) throw new Error(`the trace holds no SYN from ${end(fromSender ? sender : receiver)}: the connection's start was not captured`);
    return syn.seq;
  };
  const [senderIsn, receiverIsn] = [isnOf(true), isnOf(false)];
  const segments = raw.map((r): FlowSegment => {
    const [ownIsn, otherIsn] = r.fromSender ? [senderIsn, receiverIsn] : [receiverIsn, senderIsn];
    return {
      timeUs: r.timeUs,
      event: r.event,
      fromSender: r.fromSender,
      seq: (r.seq - ownIsn) >>> 0,
      ack: (r.ack - otherIsn) >>> 0,
      hasAck: (r.flags & TcpFlag.ACK) !== 0,
      len: r.len,
      syn: (r.flags & TcpFlag.SYN) !== 0,
      fin: (r.flags & TcpFlag.FIN) !== 0,
      rst: (r.flags & TcpFlag.RST) !== 0,
      window: r.window,
      intact: r.intact,
    };
  });
  return { sender, receiver, segments };
}

/** A data segment the sender transmitted, with what the sender knew of the window when it did. */
interface SentData {
  readonly segment: FlowSegment;
  /**
   * The right edge of the window the sender had been offered: the largest ACK + window it
   * received, or SND.UNA + SND.WND where RFC 9293's update rule (SND.WL1, SND.WL2) kept a window
   * that a segment of an older sequence number, acknowledging more, did not replace. Which
   * segments a stack took is not in the trace (see `unaUncertain`): SND.WND may be the window of
   * any that came since an empty ACK that surely updated it, and the largest counts.
   */
  readonly rightEdge: number;
  /** The window of the last ACK the sender received. */
  readonly lastWindow: number;
  /** The highest sequence number sent before it (SND.MAX). */
  readonly sndMax: number;
  /** The largest ACK the sender had received (SND.UNA). */
  readonly una: number;
  /**
   * The ACKs it may answer, when it went out at the very instant the sender was handed them: a
   * third (or later) duplicate ACK, an ACK that moved SND.UNA on. A stack answers an ACK within
   * receive(), at the same virtual instant; its timers fire at instants of their own. (Copies of
   * a segment duplicated by the link arrive at one instant: any of that instant counts.)
   */
  readonly answers: ReadonlySet<AckKind>;
}

/** How many duplicate ACKs make a fast retransmit (RFC 5681 §3.2). */
const DUPLICATE_ACKS = 3;

/** What an ACK told the sender that a stack may answer at once with a retransmission. */
type AckKind = 'duplicates' | 'advance';

/** Walk the sender's transmissions, keeping what it had been told by the receiver. */
function sentData(flow: Flow): SentData[] {
  let offeredEdge = 0;
  let lastWindow = 0;
  let sndMax = 0;
  let una = 0;
  // The largest window SND.WND may hold, and the highest sequence number the receiver sent so far.
  let sendWindow = 0;
  let highestSeq = -1;
  // A segment whose sequence number the sender finds unacceptable is dropped whole, ACK field
  // included (RFC 9293 §3.10.7.4): an old duplicate of data, or an empty ACK at the right edge of
  // the sender's receive window. Only an empty ACK inside the window it advertised is surely
  // taken; until one brings SND.UNA's value, the sender may learn of it only from a later segment.
  let unaUncertain = false;
  let advertisedEdge = 0;
  let duplicates = 0;
  const kindsAt = new Map<number, Set<AckKind>>();
  const out: Omit<SentData, 'answers'>[] = [];
  for (const s of flow.segments) {
    if (!s.fromSender && s.event === 'deliver' && s.intact && s.hasAck && !s.rst) {
      offeredEdge = Math.max(offeredEdge, s.ack + s.window);
      lastWindow = s.window;
      const moved = s.ack > una;
      const surelyTaken = s.len === 0 && s.seq < advertisedEdge;
      if (s.ack >= una) sendWindow = surelyTaken && s.seq >= highestSeq ? s.window : Math.max(sendWindow, s.window);
      highestSeq = Math.max(highestSeq, s.seq);
      // The sender may learn only now of an ACK brought before: it counts both ways.
      const advance = moved || (s.ack === una && unaUncertain);
      // A duplicate ACK (RFC 5681 §2) carries nothing but the same ACK while data is outstanding.
      const duplicate = !moved && s.ack === una && s.len === 0 && !s.syn && !s.fin && sndMax > una;
      if (moved) [una, duplicates] = [s.ack, 0];
      if (advance) unaUncertain = !surelyTaken;
      if (duplicate) duplicates++;
      const kinds: AckKind[] = [];
      if (advance) kinds.push('advance');
      if (duplicate && duplicates >= DUPLICATE_ACKS) kinds.push('duplicates');
      for (const kind of kinds) kindsAt.set(s.timeUs, (kindsAt.get(s.timeUs) ?? new Set<AckKind>()).add(kind));
    }
    if (s.fromSender && s.event === 'send') {
      if (s.hasAck) advertisedEdge = Math.max(advertisedEdge, s.ack + s.window);
      const rightEdge = Math.max(offeredEdge, una + sendWindow);
      if (s.len > 0) out.push({ segment: s, rightEdge, lastWindow, sndMax, una });
      sndMax = Math.max(sndMax, s.seq + s.len + (s.syn ? 1 : 0) + (s.fin ? 1 : 0));
    }
  }
  const none: ReadonlySet<AckKind> = new Set();
  return out.map((d) => ({ ...d, answers: kindsAt.get(d.segment.timeUs) ?? none }));
}

/** A zero-window probe: one byte sent while the last window the sender heard of was 0. */
const isProbe = (d: SentData): boolean => d.segment.len === 1 && d.lastWindow === 0;

/**
 * The sender never has more outstanding than the receiver offered: no data byte beyond the right
 * edge of the window (see {@link SentData.rightEdge}), except the one byte of a zero-window probe.
 */
export function checkWithinWindow(flow: Flow): void {
  for (const d of sentData(flow)) {
    const last = d.segment.seq + d.segment.len;
    if (last <= d.rightEdge || (isProbe(d) && last === d.rightEdge + 1)) continue;
    throw new Error(
      `${describe(flow, d.segment)} goes ${last - d.rightEdge} bytes beyond the window the receiver offered (right edge ${d.rightEdge}: the largest ACK + window received so far): ` +
        'a sender may have at most the advertised window outstanding',
    );
  }
}

/** Data segments the sender sent again (any byte below the highest sent so far), zero-window probes aside. */
function retransmissions(flow: Flow): { again: SentData; before: SentData | undefined }[] {
  const all = sentData(flow);
  const out: { again: SentData; before: SentData | undefined }[] = [];
  all.forEach((d, i) => {
    if (d.segment.seq >= d.sndMax || isProbe(d)) return;
    // The latest earlier transmission that carried this segment's first byte.
    let before: SentData | undefined;
    for (let j = i - 1; j >= 0; j--) {
      const p = all[j]!.segment;
      if (p.seq <= d.segment.seq && d.segment.seq < p.seq + p.len) {
        before = all[j];
        break;
      }
    }
    out.push({ again: d, before });
  });
  return out;
}

/** On a link that loses nothing, the sender never sends a data byte twice (zero-window probes aside). */
export function checkNoRetransmission(flow: Flow): void {
  const [first] = retransmissions(flow);
  if (!first) return;
  const before = first.before ? `, first sent at ${time(first.before.segment.timeUs)}` : '';
  throw new Error(`${describe(flow, first.again.segment)} is a retransmission (the sender had already sent up to ${first.again.sndMax}${before}) on a link that lost nothing: no segment may be sent twice`);
}

/**
 * A loss episode (RFC 6582's recovery, or the slow start after a timeout): from the retransmission
 * that starts it until the sender has been acknowledged everything it had sent by then.
 */
interface LossEpisode {
  readonly startUs: number;
  /** SND.MAX when it started: RFC 6582's `recover`. */
  readonly recover: number;
}

const episodeFrom = (start: SentData): LossEpisode => ({ startUs: start.segment.timeUs, recover: start.sndMax });

/**
 * Whether `again` is loss recovery rather than a timeout: a fast retransmit of SND.UNA in answer
 * to a third (or later) duplicate ACK, or, within a loss episode and in answer to an ACK that moved
 * SND.UNA on, a resend of SND.UNA (NewReno's partial ACK: its bytes may have gone out in this
 * episode already, in a resend cut at other boundaries) or the first resend in the episode of
 * later data (the window growing again after a timeout).
 */
function isRecovery(again: SentData, before: SentData, episode: LossEpisode | undefined): boolean {
  const { seq } = again.segment;
  if (again.answers.has('duplicates') && seq === again.una) return true;
  if (!again.answers.has('advance') || episode === undefined || again.una >= episode.recover) return false;
  return seq === again.una || (seq > again.una && before.segment.timeUs < episode.startUs);
}

/**
 * Every retransmission that is not loss recovery (see {@link isRecovery}) is a timeout: it waits
 * at least {@link MIN_RTO_MS} after the copy before it, and a segment that times out again waits
 * longer than it did the time before (the RTO backs off). Probes of a zero window, and segments
 * resent right after a probe carried their first byte, are not timeouts and are left out.
 */
export function checkRetransmissionTiming(flow: Flow): void {
  const lastGap = new Map<number, number>();
  let episode: LossEpisode | undefined;
  for (const { again, before } of retransmissions(flow)) {
    if (!before || isProbe(before)) continue;
    const seq = again.segment.seq;
    if (isRecovery(again, before, episode)) {
      if (episode === undefined || again.una >= episode.recover) episode = episodeFrom(again);
      lastGap.set(seq, 0);
      continue;
    }
    const gapUs = again.segment.timeUs - before.segment.timeUs;
    if (gapUs < MIN_RTO_MS * 1000) {
      throw new Error(
        `${describe(flow, again.segment)} retransmits data last sent at ${time(before.segment.timeUs)}, only ${(gapUs / 1000).toFixed(3)} ms later: ` +
          `a retransmission waits at least the minimum RTO of ${MIN_RTO_MS} ms (or, from milestone 4, three duplicate ACKs)`,
      );
    }
    // Backoff is measured between retransmissions only: the first timeout's gap from the original
    // copy also holds the time the timer ran for earlier segments (it restarts on each ACK).
    const beforeWasRetransmission = before.segment.seq < before.sndMax;
    const previous = before.segment.seq === seq && beforeWasRetransmission ? lastGap.get(seq) : undefined;
    if (previous !== undefined && gapUs <= previous) {
      throw new Error(
        `${describe(flow, again.segment)} is another timeout of the segment at seq ${seq}, ${(gapUs / 1000).toFixed(3)} ms after the copy before it, ` +
          `no longer than the ${(previous / 1000).toFixed(3)} ms of the timeout before: the RTO must back off (double) on each timeout of the same segment`,
      );
    }
    if (beforeWasRetransmission || !lastGap.has(seq)) lastGap.set(seq, beforeWasRetransmission ? gapUs : 0);
    // A timeout starts a loss episode of its own (RFC 6582 §3.2, step 4).
    episode = episodeFrom(again);
  }
}

/** No ACK the receiver sends acknowledges a sequence number the sender has not sent yet. */
export function checkNoAckOfUnsentData(flow: Flow): void {
  let sndMax = 0;
  for (const s of flow.segments) {
    if (s.event !== 'send') continue;
    if (s.fromSender) {
      sndMax = Math.max(sndMax, s.seq + s.len + (s.syn ? 1 : 0) + (s.fin ? 1 : 0));
    } else if (s.hasAck && !s.rst && s.ack > sndMax) {
      throw new Error(`${describe(flow, s)} acknowledges up to ${s.ack}, but the sender had sent only up to ${sndMax}: an ACK may not acknowledge data never sent`);
    }
  }
}

/** Every check of the sender and the receiver that holds on any link. */
export function checkFlow(flow: Flow): void {
  checkWithinWindow(flow);
  checkRetransmissionTiming(flow);
  checkNoAckOfUnsentData(flow);
}

/**
 * The receiver delivered every byte sent once, in order: the stream read equals the stream
 * written; otherwise say where they first differ and what was delivered there instead.
 */
export function checkDeliveredOnceInOrder(sent: Uint8Array, received: Uint8Array, what: string): void {
  const offset = firstDifferingOffset(sent, received);
  if (offset < 0) return;
  if (offset >= received.length) throw new Error(`${what}: only ${received.length} of ${sent.length} bytes were delivered`);
  if (offset >= sent.length) throw new Error(`${what}: ${received.length - sent.length} bytes beyond the ${sent.length} sent were delivered (from offset ${offset}): data delivered twice`);
  const probe = Buffer.from(received.subarray(offset, Math.min(received.length, offset + 32)));
  const at = Buffer.from(sent).indexOf(probe);
  const why = at < 0 ? 'bytes never sent' : at < offset ? `the bytes sent at offset ${at}: data delivered twice` : `the bytes sent at offset ${at}: data delivered out of order, or skipped`;
  throw new Error(`${what}: the delivered stream first differs from the sent one at offset ${offset}, where it holds ${why}`);
}
