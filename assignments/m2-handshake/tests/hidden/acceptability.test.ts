/**
 * Segment acceptability (RFC 9293 §3.10.7.4) at the exact edges of the receive window, for empty
 * segments, data, RSTs and SYNs, with an open window and a zero one. The window [RCV.NXT,
 * RCV.NXT+RCV.WND) is what the stack advertised: a 4000-byte receive buffer with 1000 bytes
 * unread (RCV.WND 3000), or a full one (RCV.WND 0).
 *
 * Each probe carries an ACK of 10 bytes the stack sent, so SND.UNA tells whether its ACK field
 * was taken (acceptable) or the segment was dropped (not acceptable, answered with an ACK). RSTs
 * follow RFC 5961 as the handout says: exactly at RCV.NXT resets, elsewhere in the window gets a
 * challenge ACK, outside is dropped silently; a SYN always gets an ACK and never resets.
 * Every probe is on a fresh connection, so the 500 ms limit on challenge ACKs never hides one.
 *
 * Linux takes an empty segment at exactly RCV.NXT+RCV.WND too (its check is inclusive there),
 * which is why these are not portable scripts: the handout follows the RFC's table.
 */
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { expectErrno } from '../../../m1-udp/tests/support/errno';
import type { Outgoing } from '../support/peer-connection';
import { expectNamed } from '../support/named-check';
import { stateOf } from '../support/tcp-sockets';
import { STACK_DATA_LENGTH, stackSndUna, windowEdges, type WindowEdges } from '../support/window-edges';

const { SYN, ACK, PSH, RST } = TcpFlag;

/** Long enough for any answer (a reply takes 2 ms), well short of the 1 s retransmission of the stack's data. */
const QUIET_MS = 50;
const DATA_LENGTH = 100;
/** The open window: 1000 of 4000 bytes unread. */
const OPEN = { receiveBuffer: 4000, unread: 1000 };
/** The zero window: the whole buffer unread. */
const ZERO = { receiveBuffer: 1000, unread: 1000 };

/** SND.UNA relative to the stack's ISN once its data is acknowledged, and while it is not. */
const ACKED = 1 + STACK_DATA_LENGTH;
const UNACKED = 1;

/** What the stack must do with a probe. */
type Outcome =
  /** An acceptable empty segment: its ACK is taken, nothing is answered. */
  | { readonly kind: 'taken' }
  /** Acceptable data: its ACK is taken and the stack acknowledges up to `ack` (relative to RCV.NXT). */
  | { readonly kind: 'taken, answered'; readonly ack: number }
  /** Not acceptable: dropped (its ACK ignored) and answered with <SEQ=SND.NXT><ACK=RCV.NXT>. */
  | { readonly kind: 'rejected' }
  /** A RST or SYN answered with a challenge ACK; the connection lives on. */
  | { readonly kind: 'challenged' }
  /** A RST that resets the connection: ECONNRESET. */
  | { readonly kind: 'reset' }
  /** A RST outside the window: dropped silently. */
  | { readonly kind: 'ignored' };

interface Probe {
  readonly name: string;
  readonly window: typeof OPEN;
  /** The segment, from RCV.NXT and RCV.WND (relative to the peer's ISN). */
  readonly segment: (rcvNxt: number, rcvWnd: number) => Outgoing;
  readonly outcome: Outcome;
}

const data = (seq: number): Outgoing => ({ flags: PSH | ACK, seq, data: new Uint8Array(DATA_LENGTH).fill(0x63) });

const PROBES: readonly Probe[] = [
  { name: 'an empty ACK at RCV.NXT is acceptable: its ACK is taken, nothing is answered', window: OPEN, segment: (n) => ({ flags: ACK, seq: n }), outcome: { kind: 'taken' } },
  {
    name: 'an empty ACK at RCV.NXT+RCV.WND−1, the last number in the window, is acceptable: its ACK is taken, nothing is answered',
    window: OPEN,
    segment: (n, w) => ({ flags: ACK, seq: n + w - 1 }),
    outcome: { kind: 'taken' },
  },
  {
    name: 'an empty ACK at RCV.NXT+RCV.WND, the first number past the window, is dropped with its ACK and answered with an ACK',
    window: OPEN,
    segment: (n, w) => ({ flags: ACK, seq: n + w }),
    outcome: { kind: 'rejected' },
  },
  { name: 'an empty ACK at RCV.NXT−1 is dropped with its ACK and answered with an ACK', window: OPEN, segment: (n) => ({ flags: ACK, seq: n - 1 }), outcome: { kind: 'rejected' } },
  {
    name: 'data starting at RCV.NXT+RCV.WND−1 (its first byte fits) is acceptable: its ACK is taken, and it is answered with an ACK of RCV.NXT',
    window: OPEN,
    segment: (n, w) => data(n + w - 1),
    outcome: { kind: 'taken, answered', ack: 0 },
  },
  { name: 'data starting at RCV.NXT+RCV.WND is dropped with its ACK and answered with an ACK', window: OPEN, segment: (n, w) => data(n + w), outcome: { kind: 'rejected' } },
  {
    name: 'data ending at RCV.NXT−1 (an old duplicate) is dropped with its ACK and answered with an ACK',
    window: OPEN,
    segment: (n) => data(n - DATA_LENGTH),
    outcome: { kind: 'rejected' },
  },
  {
    name: 'data ending at RCV.NXT (its last byte is new) is acceptable: its ACK is taken, and the new byte is acknowledged',
    window: OPEN,
    segment: (n) => data(n - DATA_LENGTH + 1),
    outcome: { kind: 'taken, answered', ack: 1 },
  },
  { name: 'a RST at RCV.NXT resets the connection', window: OPEN, segment: (n) => ({ flags: RST, seq: n }), outcome: { kind: 'reset' } },
  { name: 'a RST at RCV.NXT+RCV.WND−1 gets a challenge ACK and does not reset', window: OPEN, segment: (n, w) => ({ flags: RST, seq: n + w - 1 }), outcome: { kind: 'challenged' } },
  { name: 'a RST at RCV.NXT+RCV.WND is dropped silently', window: OPEN, segment: (n, w) => ({ flags: RST, seq: n + w }), outcome: { kind: 'ignored' } },
  { name: 'a RST at RCV.NXT−1 is dropped silently', window: OPEN, segment: (n) => ({ flags: RST, seq: n - 1 }), outcome: { kind: 'ignored' } },
  {
    name: 'a SYN at RCV.NXT+RCV.WND−1, in the window, gets a challenge ACK and does not reset',
    window: OPEN,
    segment: (n, w) => ({ flags: SYN, seq: n + w - 1 }),
    outcome: { kind: 'challenged' },
  },
  { name: 'a SYN at RCV.NXT+RCV.WND, past the window, gets an ACK and does not reset', window: OPEN, segment: (n, w) => ({ flags: SYN, seq: n + w }), outcome: { kind: 'challenged' } },
  { name: 'with a zero window, an empty ACK at RCV.NXT is acceptable: its ACK is taken, nothing is answered', window: ZERO, segment: (n) => ({ flags: ACK, seq: n }), outcome: { kind: 'taken' } },
  {
    name: 'with a zero window, an empty ACK at RCV.NXT+1 is dropped with its ACK and answered with an ACK',
    window: ZERO,
    segment: (n) => ({ flags: ACK, seq: n + 1 }),
    outcome: { kind: 'rejected' },
  },
  { name: 'with a zero window, an empty ACK at RCV.NXT−1 is dropped with its ACK and answered with an ACK', window: ZERO, segment: (n) => ({ flags: ACK, seq: n - 1 }), outcome: { kind: 'rejected' } },
  { name: 'with a zero window, a RST at RCV.NXT resets the connection', window: ZERO, segment: (n) => ({ flags: RST, seq: n }), outcome: { kind: 'reset' } },
  { name: 'with a zero window, a RST at RCV.NXT+1 is dropped silently', window: ZERO, segment: (n) => ({ flags: RST, seq: n + 1 }), outcome: { kind: 'ignored' } },
  { name: 'with a zero window, a SYN at RCV.NXT gets a challenge ACK and does not reset', window: ZERO, segment: (n) => ({ flags: SYN, seq: n }), outcome: { kind: 'challenged' } },
];

/** Check that the stack did with the probe what `outcome` says. */
async function expectOutcome(edges: WindowEdges, outcome: Outcome): Promise<void> {
  const { lab, conn, fd, rcvNxt } = edges;
  switch (outcome.kind) {
    case 'taken':
      await lab.quiet(QUIET_MS, 'an acceptable empty segment is not answered');
      expectNamed("SND.UNA (relative to the ISN: 11 once the probe's ACK is taken)", await stackSndUna(edges), ACKED);
      return;
    case 'taken, answered':
      await conn.expect({ flags: ACK, seq: ACKED, ack: rcvNxt + outcome.ack });
      expectNamed("SND.UNA (relative to the ISN: 11 once the probe's ACK is taken)", await stackSndUna(edges), ACKED);
      return;
    case 'rejected':
      await conn.expect({ flags: ACK, seq: ACKED, ack: rcvNxt });
      expectNamed("SND.UNA (relative to the ISN: 1 while the probe's ACK is ignored)", await stackSndUna(edges), UNACKED);
      return;
    case 'challenged':
      await conn.expect({ flags: ACK, seq: ACKED, ack: rcvNxt });
      expectNamed('the state after the probe', await stateOf(lab.sys, fd), 'ESTABLISHED');
      return;
    case 'reset':
      await lab.quiet(QUIET_MS, 'a RST is never answered');
      expectNamed('the state after the probe', await stateOf(lab.sys, fd), 'CLOSED');
      await lab.sys.recv(fd, OPEN.receiveBuffer);
      await expectErrno(lab.sys.recv(fd, OPEN.receiveBuffer), 'ECONNRESET', 'recv after the reset, once the data before it is read');
      return;
    case 'ignored':
      await lab.quiet(QUIET_MS, 'a RST outside the window is dropped silently');
      expectNamed('the state after the probe', await stateOf(lab.sys, fd), 'ESTABLISHED');
      return;
  }
}

describe('segment acceptability at the edges of the receive window', () => {
  for (const probe of PROBES) {
    netTest(probe.name, async (t) => {
      const edges = await windowEdges(t, probe.window);
      await edges.conn.send(probe.segment(edges.rcvNxt, edges.rcvWnd));
      await expectOutcome(edges, probe.outcome);
    });
  }
});
