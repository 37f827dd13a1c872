/**
 * The runner against the Backend interface alone, with no simulator: a replay backend whose
 * clock jumps to what is asked, whose "stack" sends canned packets at canned times, and whose
 * syscalls return canned results. This is the contract a Linux backend fulfils in real time —
 * including its lateness: the replay backend can act later than asked, as a busy machine does,
 * and the runner must anchor the next lines on when things actually happened.
 */
import { buildTcp, decodePacket, TcpFlag, unwrap } from '../../../wire';
import type { Backend, BackendFactory, Outbound, SyscallRequest, SyscallResult } from '../../backend';
import { parseScript } from '../../language/parser';
import { scriptReport } from '../../runner/report';
import { runScript } from '../../runner/runner';

interface ReplayOptions {
  /** How much later than asked it injects a packet or starts a call (µs). */
  readonly lateUs?: number;
  /** How long a call blocks (µs), if it does. */
  readonly blocksUs?: (request: SyscallRequest) => number | undefined;
  /** Whether an injected packet wakes the blocked calls, which then return the moment it went in. */
  readonly injectWakes?: boolean;
}

/** A backend that replays `outbound` and answers syscalls from `results`, recording what it is given and when it was asked. */
function replay(outbound: Outbound[], results: (request: SyscallRequest) => SyscallResult, options: ReplayOptions = {}) {
  const { lateUs = 0, blocksUs = () => undefined, injectWakes = false } = options;
  const injected: { askedUs: number; packet: Uint8Array }[] = [];
  const calls: { askedUs: number; request: SyscallRequest }[] = [];
  const blocked: { untilUs: number; wake: (atUs?: number) => void }[] = [];
  let nowUs = 0;
  const advance = (toUs: number): void => {
    nowUs = Math.max(nowUs, toUs);
    for (const call of blocked.filter(({ untilUs }) => untilUs <= nowUs)) call.wake();
  };
  const backend: Backend = {
    name: 'replay',
    clockSlackUs: 0,
    now: () => nowUs,
    inject: async (packet) => {
      injected.push({ askedUs: nowUs, packet });
      advance(nowUs + lateUs);
      if (injectWakes) blocked.splice(0).forEach((call) => call.wake(nowUs));
      return nowUs;
    },
    nextOutbound: async (untilUs) => {
      const next = outbound[0];
      if (next && next.timeUs <= untilUs) {
        advance(next.timeUs);
        return outbound.shift();
      }
      advance(untilUs);
      return undefined;
    },
    settle: async () => undefined,
    syscall: (request) => {
      calls.push({ askedUs: nowUs, request });
      advance(nowUs + lateUs);
      const startedUs = nowUs;
      const blockUs = blocksUs(request);
      const result = results(request);
      if (blockUs === undefined) return { started: Promise.resolve(startedUs), returned: Promise.resolve({ result, timeUs: startedUs }) };
      const untilUs = startedUs + blockUs;
      return {
        started: Promise.resolve(startedUs),
        returned: new Promise((resolve) => blocked.push({ untilUs, wake: (atUs = untilUs) => resolve({ result, timeUs: atUs }) })),
      };
    },
    evidence: () => ({ nowUs, packets: [], sides: [{ name: 'stack', address: '10.0.0.1' }, { name: 'peer', address: '10.0.0.2' }] }),
    close: async () => undefined,
  };
  const factory: BackendFactory = async () => backend;
  return { factory, injected, calls };
}

const SCRIPT = `--peer_isn=100
0    socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
+0   connect(3, ..., ...) = -1 EINPROGRESS
+0   > S 0:0(0) <mss 1460>
+.2  < S. 0:0(0) ack 1 win 1000 <mss 1000>
`;

const LOCAL = { src: '10.0.0.1', dst: '10.0.0.2', srcPort: 40000, dstPort: 5000 } as const;
const syn = (timeUs: number): Outbound => ({ timeUs, packet: buildTcp({ ...LOCAL, seq: 7777, flags: TcpFlag.SYN, options: [{ kind: 'mss', value: 1460 }] }) });
const ack = (timeUs: number): Outbound => ({ timeUs, packet: buildTcp({ ...LOCAL, seq: 7778, ack: 101, flags: TcpFlag.ACK, window: 1000 }) });
const connect = (request: SyscallRequest): SyscallResult => (request.name === 'socket' ? { ok: true, ret: 3 } : { ok: false, errno: 'EINPROGRESS' });

describe('the runner on a replay backend', () => {
  it('makes the calls at their times, takes the packets, and injects with the learned numbers', async () => {
    const { factory, injected, calls } = replay([syn(1_000)], connect);
    const run = await runScript(parseScript(SCRIPT), { seed: 1, backend: factory });
    expect(run.failure).toBeUndefined();
    expect(calls.map((c) => [c.askedUs, c.request.name])).toEqual([
      [0, 'socket'],
      [0, 'connect'],
    ]);
    expect(injected).toHaveLength(1);
    // +.2 after the SYN came (at 1 ms), not after the line's scripted time (0).
    expect(injected[0]!.askedUs).toBe(201_000);
    const synAck = unwrap(decodePacket(injected[0]!.packet));
    if (synAck.kind !== 'tcp') throw new Error('not TCP');
    // To the port the stack used, from the harness's ISN, acknowledging the stack's.
    expect(synAck.tcp.header).toMatchObject({ srcPort: 5000, dstPort: 40000, seq: 100, ack: 7778, flags: TcpFlag.SYN | TcpFlag.ACK, window: 1000 });
    expect(run.evidence.nowUs).toBe(211_000);
  });

  it('fails when the canned packet comes outside its window', async () => {
    const { factory } = replay([syn(5_000)], connect);
    const run = await runScript(parseScript(SCRIPT), { seed: 1, backend: factory });
    expect(run.failure).toMatchObject({ summary: 'timing error: the packet came 1 ms after its window', line: { line: 4 } });
  });
});

describe('a blocked call due to return when the next call comes', () => {
  // poll times out at 0.1 s, exactly when close is due: on a wall clock it returns a little late.
  const POLL = `0    socket(..., SOCK_DGRAM, IPPROTO_UDP) = 3
+0   bind(3, ..., ...) = 0
+0...0.1 poll([{fd=3, events=POLLIN, revents=0}], 1, 100) = 0
+.1  close(3) = 0
`;
  const results = (request: SyscallRequest): SyscallResult => (request.name === 'poll' ? { ok: true, ret: 0, out: { revents: [0] } } : { ok: true, ret: request.name === 'socket' ? 3 : 0 });

  it('is waited for within its tolerance, as packetdrill waits for its blocked call: the next call starts when it returns', async () => {
    const { factory, calls } = replay([], results, { blocksUs: (request) => (request.name === 'poll' ? 102_000 : undefined) });
    const run = await runScript(parseScript(POLL), { seed: 1, backend: factory });
    expect(run.failure).toBeUndefined();
    expect(calls.find(({ request }) => request.name === 'close')?.askedUs).toBe(102_000);
  });

  it('past its tolerance is blamed: its line, not the next call', async () => {
    const { factory } = replay([], results, { blocksUs: (request) => (request.name === 'poll' ? 110_000 : undefined) });
    const run = await runScript(parseScript(POLL), { seed: 1, backend: factory });
    expect(run.failure).toMatchObject({ summary: 'poll never returned: still blocked at 0.104 s, when line 4 makes its call (a script makes one call at a time)', line: { line: 3 } });
  });
});

describe('the line a failure blames', () => {
  const UDP = `0    socket(..., SOCK_DGRAM, IPPROTO_UDP) = 3
+0   bind(3, ..., ...) = 0
+0   recvfrom(3, ..., 100, 0, ..., ...) = 7
+.1  < udp (7)
+.1  close(3) = 0
`;
  const results = (request: SyscallRequest): SyscallResult => ({ ok: true, ret: request.name === 'socket' ? 3 : request.name === 'recvfrom' ? 7 : 0 });

  it('a blocked recvfrom that the packet of the line after it did not wake is blamed, not the next call', async () => {
    // The "stack" never wakes recvfrom: close, two lines later, is where the runner notices.
    const { factory } = replay([], results, { blocksUs: (request) => (request.name === 'recvfrom' ? 10_000_000 : undefined) });
    const run = await runScript(parseScript(UDP), { seed: 1, backend: factory });
    expect(run.failure).toMatchObject({ summary: 'recvfrom never returned: still blocked at 0.200 s, when line 5 makes its call (a script makes one call at a time)', line: { line: 3 } });
  });

  it('a packet no line expects is blamed on the last line before it, with how long after it came', async () => {
    // The same packet at the same instant as the line is "answered" (udp-scripts.test.ts, unexpected-packet.pkt).
    const rst: Outbound = { timeUs: 150_000, packet: buildTcp({ ...LOCAL, seq: 1, flags: TcpFlag.RST }) };
    const { factory } = replay([rst], results);
    const run = await runScript(parseScript(UDP), { seed: 1, backend: factory });
    expect(run.failure).toMatchObject({ summary: 'unexpected packet: the stack sent it 50 ms after this line, and no line expects it', line: { line: 4 } });
  });
});

describe('relative times on a backend that acts late', () => {
  const LATE_US = 10_000;

  it('count from when a packet actually went in: an answer to a late packet is on time', async () => {
    const script = `${SCRIPT}+0   > . 1:1(0) ack 1 win 1000\n`;
    // socket returns at 10 ms, connect at 20 ms with the SYN; the SYN-ACK is asked for 0.2 s
    // after the SYN and goes in 10 ms late, at 0.230 s; the stack answers at once.
    const { factory } = replay([syn(20_000), ack(230_000)], connect, { lateUs: LATE_US });
    const run = await runScript(parseScript(`--tolerance_usecs=1000\n${script}`), { seed: 1, backend: factory });
    expect(run.failure).toBeUndefined();
  });

  it('count from when a call actually returned', async () => {
    const script = `--peer_isn=100
--tolerance_usecs=1000
0    socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
+0   connect(3, ..., ...) = -1 EINPROGRESS
+0   > S 0:0(0) <mss 1460>
`;
    // socket starts and returns at 10 ms, connect at 20 ms, and the SYN comes with connect.
    const { factory, calls } = replay([syn(20_000)], connect, { lateUs: LATE_US });
    const run = await runScript(parseScript(script), { seed: 1, backend: factory });
    expect(run.failure).toBeUndefined();
    expect(calls.map((c) => c.askedUs)).toEqual([0, 10_000]);
  });

  it('an injection later than the leeway is recorded with its line, and a failure then says the harness was late', async () => {
    const script = `--tolerance_usecs=1000\n${SCRIPT}+0   > . 1:1(0) ack 1 win 999\n`;
    // The SYN-ACK of line 5 goes in 10 ms late: beyond a leeway of 1 ms.
    const { factory } = replay([syn(20_000), ack(230_000)], connect, { lateUs: LATE_US });
    const run = await runScript(parseScript(script), { seed: 1, backend: factory });
    expect(run.harnessLate).toEqual({ line: 6, lateUs: LATE_US });
    expect(run.failure?.summary).toBe('wrong packet');
    expect(scriptReport({ ...run, failure: run.failure! }, { script: 'late.pkt', stack: 'replay', seed: 1, artifactFile: __filename, artifactName: 'late' })).toContain(
      'the harness injected line 6 10.0 ms late (the machine was busy): the stack may have acted on the delay',
    );
  });

  it('an injection within the leeway is not counted as the harness being late', async () => {
    const { factory } = replay([syn(20_000), ack(230_000)], connect, { lateUs: LATE_US });
    const run = await runScript(parseScript(`--tolerance_usecs=20000\n${SCRIPT}+0   > . 1:1(0) ack 1 win 1000\n`), { seed: 1, backend: factory });
    expect(run.failure).toBeUndefined();
    expect(run.harnessLate).toBeUndefined();
  });

  it('an inbound packet after an inbound packet counts from its scheduled time, so lateness does not add up', async () => {
    const script = `${SCRIPT}+.1  < . 1:1(0) ack 1 win 1000\n+.1  < . 1:1(0) ack 1 win 1000\n`;
    const { factory, injected } = replay([syn(20_000)], connect, { lateUs: LATE_US });
    const run = await runScript(parseScript(script), { seed: 1, backend: factory });
    expect(run.failure).toBeUndefined();
    // Each goes in 10 ms late; the next is still asked for 0.1 s after the previous one's time.
    expect(injected.map((i) => i.askedUs)).toEqual([220_000, 320_000, 420_000]);
  });

  it("a blocking call's return window counts from when it actually started", async () => {
    const script = `--tolerance_usecs=1000
0        socket(..., SOCK_DGRAM, IPPROTO_UDP) = 3
+0...0.5 poll([{fd=3, events=POLLIN, revents=0}], 1, 500) = 0
`;
    const results = (request: SyscallRequest): SyscallResult => (request.name === 'socket' ? { ok: true, ret: 3 } : { ok: true, ret: 0, out: { revents: [0] } });
    // poll is asked for at 10 ms, starts at 20 ms and returns 500 ms later: on time.
    const { factory } = replay([], results, { lateUs: LATE_US, blocksUs: (request) => (request.name === 'poll' ? 500_000 : undefined) });
    const run = await runScript(parseScript(script), { seed: 1, backend: factory });
    expect(run.failure).toBeUndefined();
  });

  it("a blocking call woken by a packet the harness injected late may return that late: the harness's lateness is not the stack's", async () => {
    const script = (returnsUs: number) => `--tolerance_usecs=1000
0        socket(..., SOCK_DGRAM, IPPROTO_UDP) = 3
+0       bind(3, ..., ...) = 0
+0...${returnsUs / 1e6} recvfrom(3, ..., 100, 0, ..., ...) = 2
+.3      < udp (2)
`;
    const results = (request: SyscallRequest): SyscallResult => (request.name === 'socket' ? { ok: true, ret: 3 } : { ok: true, ret: request.name === 'bind' ? 0 : 2 });
    const run = async (returnsUs: number) => {
      // recvfrom starts at 30 ms and blocks; the packet, asked for at 330 ms, goes in at 340 ms and wakes it.
      const { factory } = replay([], results, { lateUs: LATE_US, blocksUs: (request) => (request.name === 'recvfrom' ? 10_000_000 : undefined), injectWakes: true });
      return (await runScript(parseScript(script(returnsUs)), { seed: 1, backend: factory })).failure;
    };
    expect(await run(300_000)).toBeUndefined();
    // The window moves with the packet, not wider: a call that should have returned earlier still fails.
    expect(await run(250_000)).toMatchObject({ summary: 'timing error: recvfrom returned outside its window', line: { line: 4 } });
  });

  it('a late event outside its window still fails: anchoring moves the window, not its width', async () => {
    const script = `${SCRIPT}+0   > . 1:1(0) ack 1 win 1000\n`;
    const { factory } = replay([syn(20_000), ack(232_000)], connect, { lateUs: LATE_US });
    const run = await runScript(parseScript(`--tolerance_usecs=1000\n${script}`), { seed: 1, backend: factory });
    expect(run.failure).toMatchObject({ summary: 'timing error: the packet came 1 ms after its window', line: { line: 7 } });
  });
});
