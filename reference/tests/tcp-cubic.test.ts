/**
 * CUBIC (RFC 9438) in the reference, chosen with TCP_CONGESTION: the option and its inheritance by
 * accepted connections, the factor β = 0.7 and fast convergence on a loss, and congestion avoidance
 * along the cubic function: concave up to W_max, flat around it, convex beyond, never slower than
 * the Reno-friendly estimate. (m4's scripts cubic-fast-retransmit.pkt and cubic-timeout.pkt check
 * ssthresh, and the inheritance, on Linux too.)
 */
import { CUBIC_BETA, CUBIC_C, cubicAvoidance, cubicSsthreshAfterLoss } from '../tcp/cubic';
import { Tcb } from '../tcp/tcb';
import { errnoOf, exchange } from './hosts';
import { listenOn, pair, SERVER } from './tcp-hosts';

const MSS = 1000;

/** A TCB with `inFlight` segments outstanding, cwnd `cwnd` segments and a measured RTT of `rttMs`. */
function tcbWith(cwnd: number, inFlight: number, rttMs = 100): Tcb {
  const tcb = new Tcb();
  tcb.mss = MSS;
  tcb.sndUna = 1;
  tcb.sndNxt = 1 + inFlight * MSS;
  tcb.congestion.cwnd = cwnd * MSS;
  tcb.retransmit.srtt = rttMs;
  return tcb;
}

/** cwnd in segments every `stepMs` for `ms`, one MSS acknowledged per step, from `startMs`. */
function avoid(tcb: Tcb, ms: number, stepMs: number, startMs = 0): number[] {
  const cwnds: number[] = [];
  for (let now = startMs; now <= startMs + ms; now += stepMs) {
    tcb.congestion.cwnd = cubicAvoidance(tcb, MSS, now);
    cwnds.push(tcb.congestion.cwnd / MSS);
  }
  return cwnds;
}

describe('TCP_CONGESTION', () => {
  it('chooses cubic or reno, and refuses others with ENOENT', () => {
    const { a } = pair();
    const fd = a.kernel.socket('tcp');
    expect(a.kernel.getsockopt(fd, 'TCP_CONGESTION')).toBe('reno');
    a.kernel.setsockopt(fd, 'TCP_CONGESTION', 'cubic');
    expect(a.kernel.getsockopt(fd, 'TCP_CONGESTION')).toBe('cubic');
    expect(errnoOf(() => a.kernel.setsockopt(fd, 'TCP_CONGESTION', 'vegas'))).toBe('ENOENT');
    expect(a.kernel.getsockopt(fd, 'TCP_CONGESTION')).toBe('cubic');
  });

  it('is inherited by the connections a listener accepts', () => {
    const { a, b } = pair();
    const listener = listenOn(b);
    b.kernel.setsockopt(listener, 'TCP_CONGESTION', 'cubic');
    const client = a.kernel.socket('tcp');
    expect(errnoOf(() => a.kernel.connect(client, SERVER))).toBe('EINPROGRESS');
    exchange(a, b);
    const { fd } = b.kernel.accept(listener);
    expect(b.kernel.getsockopt(fd, 'TCP_CONGESTION')).toBe('cubic');
    expect(a.kernel.getsockopt(client, 'TCP_CONGESTION')).toBe('reno');
  });
});

describe('CUBIC on a loss (RFC 9438 §4.6, §4.7)', () => {
  it('sets ssthresh to 0.7 of the flight, at least two segments, and remembers W_max', () => {
    const tcb = tcbWith(10, 10);
    expect(cubicSsthreshAfterLoss(tcb)).toBe(7 * MSS);
    expect(tcb.congestion.cubic).toMatchObject({ wMax: 10, cwndPrior: 10, epochStartMs: undefined });
    expect(cubicSsthreshAfterLoss(tcbWith(2, 2))).toBe(2 * MSS);
  });

  it('remembers less than cwnd when cwnd did not regain the last W_max (fast convergence)', () => {
    const tcb = tcbWith(10, 10);
    cubicSsthreshAfterLoss(tcb);
    tcb.congestion.cwnd = 8 * MSS;
    cubicSsthreshAfterLoss(tcb);
    expect(tcb.congestion.cubic.wMax).toBeCloseTo((8 * (1 + CUBIC_BETA)) / 2, 12);
  });
});

describe('CUBIC in congestion avoidance (RFC 9438 §4.2–§4.5)', () => {
  it('climbs back to W_max in K seconds, slowing as it nears it (concave), then speeds up beyond it (convex)', () => {
    const tcb = tcbWith(100, 100);
    tcb.congestion.ssthresh = cubicSsthreshAfterLoss(tcb);
    tcb.congestion.cwnd = tcb.congestion.ssthresh;
    const k = Math.cbrt((100 - 70) / CUBIC_C);
    const cwnds = avoid(tcb, 8000, 10);
    const at = (seconds: number): number => cwnds[Math.round((seconds * 1000) / 10)]!;
    expect(at(k)).toBeGreaterThan(98);
    expect(at(k)).toBeLessThan(102);
    expect(at(1) - at(0)).toBeGreaterThan(at(k) - at(k - 1));
    expect(at(k + 3) - at(k + 2)).toBeGreaterThan(at(k + 1) - at(k));
    expect(cwnds.every((cwnd, i) => i === 0 || cwnd >= cwnds[i - 1]!)).toBe(true);
  });

  it('grows towards the cubic function one round trip ahead, by at most half of cwnd per window', () => {
    const tcb = tcbWith(100, 100);
    tcb.congestion.ssthresh = cubicSsthreshAfterLoss(tcb);
    tcb.congestion.cwnd = tcb.congestion.ssthresh;
    // Ten seconds after the loss the cubic function is far above cwnd: the target is 1.5 cwnd, and
    // each segment acknowledged adds (1.5 cwnd − cwnd) / cwnd = 0.5 segment.
    avoid(tcb, 0, 10);
    const before = tcb.congestion.cwnd! / MSS;
    tcb.congestion.cwnd = cubicAvoidance(tcb, MSS, 10_000);
    expect(tcb.congestion.cwnd / MSS - before).toBeCloseTo(0.5, 9);
  });

  it('is never slower than the Reno-friendly estimate, which grows α = 3(1−β)/(1+β) segments per window', () => {
    // Right after the loss, with a short round trip: the cubic function is still near cwnd.
    const tcb = tcbWith(20, 20, 10);
    tcb.congestion.ssthresh = cubicSsthreshAfterLoss(tcb);
    tcb.congestion.cwnd = tcb.congestion.ssthresh;
    const start = tcb.congestion.cwnd / MSS;
    // 14 segments acknowledged, one window's worth, within a millisecond: the cubic function has
    // not moved, Reno's estimate has grown by α.
    for (let i = 0; i < 14; i++) tcb.congestion.cwnd = cubicAvoidance(tcb, MSS, i / 100);
    expect(tcb.congestion.cwnd / MSS - start).toBeGreaterThan(0.45);
    expect(tcb.congestion.cwnd / MSS - start).toBeLessThan(0.6);
  });
});
