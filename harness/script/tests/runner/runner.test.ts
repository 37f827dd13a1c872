/**
 * The runner against the Backend interface alone, with no simulator: a replay backend whose
 * clock jumps to what is asked, whose "stack" sends canned packets at canned times, and whose
 * syscalls return canned results. This is the contract a Linux backend fulfils in real time.
 */
import { buildTcp, decodePacket, TcpFlag, unwrap } from '../../../wire';
import type { Backend, BackendFactory, Outbound, SyscallRequest, SyscallResult } from '../../backend';
import { parseScript } from '../../language/parser';
import { runScript } from '../../runner/runner';

/** A backend that replays `outbound` and answers syscalls from `results`, recording what it is given. */
function replay(outbound: Outbound[], results: (request: SyscallRequest) => SyscallResult) {
  const injected: { timeUs: number; packet: Uint8Array }[] = [];
  const calls: { timeUs: number; request: SyscallRequest }[] = [];
  let nowUs = 0;
  const backend: Backend = {
    name: 'replay',
    clockSlackUs: 0,
    now: () => nowUs,
    inject: async (packet) => void injected.push({ timeUs: nowUs, packet }),
    nextOutbound: async (untilUs) => {
      const next = outbound[0];
      if (next && next.timeUs <= untilUs) {
        nowUs = Math.max(nowUs, next.timeUs);
        return outbound.shift();
      }
      nowUs = Math.max(nowUs, untilUs);
      return undefined;
    },
    settle: async () => undefined,
    syscall: async (request) => {
      calls.push({ timeUs: nowUs, request });
      return results(request);
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

describe('the runner on a replay backend', () => {
  const syn = (timeUs: number): Outbound => ({
    timeUs,
    packet: buildTcp({ src: '10.0.0.1', dst: '10.0.0.2', srcPort: 40000, dstPort: 5000, seq: 7777, flags: TcpFlag.SYN, options: [{ kind: 'mss', value: 1460 }] }),
  });
  const connect = (request: SyscallRequest): SyscallResult => (request.name === 'socket' ? { ok: true, ret: 3 } : { ok: false, errno: 'EINPROGRESS' });

  it('makes the calls at their times, takes the packets, and injects with the learned numbers', async () => {
    const { factory, injected, calls } = replay([syn(1_000)], connect);
    const run = await runScript(parseScript(SCRIPT), { seed: 1, backend: factory });
    expect(run.failure).toBeUndefined();
    expect(calls.map((c) => [c.timeUs, c.request.name])).toEqual([
      [0, 'socket'],
      [0, 'connect'],
    ]);
    expect(injected).toHaveLength(1);
    expect(injected[0]!.timeUs).toBe(200_000);
    const synAck = unwrap(decodePacket(injected[0]!.packet));
    if (synAck.kind !== 'tcp') throw new Error('not TCP');
    // To the port the stack used, from the harness's ISN, acknowledging the stack's.
    expect(synAck.tcp.header).toMatchObject({ srcPort: 5000, dstPort: 40000, seq: 100, ack: 7778, flags: TcpFlag.SYN | TcpFlag.ACK, window: 1000 });
    expect(run.evidence.nowUs).toBe(210_000);
  });

  it('fails when the canned packet comes outside its window', async () => {
    const { factory } = replay([syn(5_000)], connect);
    const run = await runScript(parseScript(SCRIPT), { seed: 1, backend: factory });
    expect(run.failure).toMatchObject({ summary: 'timing error: the packet came 1 ms after its window', line: { line: 4 } });
  });
});
