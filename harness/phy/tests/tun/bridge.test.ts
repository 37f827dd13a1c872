/**
 * The TUN bridge itself: an agent starts in a network namespace of its own with the TUN interface
 * there (and not in ours), a packet goes in and Linux's answer comes out, the fault injector's
 * delay is felt on the real path, and closing — also after a test body threw — leaves nothing.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { runSeed } from '../../../sim/rng';
import { buildIcmp, decodePacket } from '../../../wire';
import { tunRun } from '../../tun/agent-launch';
import { commandPath, nsenterArgs } from '../../tun/namespace-command';
import { liveAgents, TunAgent, TUN_IFNAME } from '../../tun/tun-agent';
import { TunLink } from '../../tun/tun-link';
import { describeTun } from '../../tun/tun-suite';
import { withPair } from '../interop/pair-test';
import { findLeftovers, namedNamespaces, NOTHING_LEFT } from './leftovers';
import { alive } from '../../../testing/processes';

const LINUX = '10.0.0.1';
const HARNESS = '10.0.0.2';
/** Long enough for any packet on a busy machine; a wait that reaches it has lost its packet. */
const PATIENCE_MS = 5000;

function echoRequest(seq: number): Uint8Array {
  return buildIcmp({ src: HARNESS, dst: LINUX, message: { kind: 'echoRequest', id: 0x50c, seq, data: Buffer.from(`ping ${seq}`) } });
}

/** `seq` if `packet` is Linux's echo reply to {@link echoRequest}, else undefined. */
function echoReplySeq(packet: Uint8Array): number | undefined {
  const decoded = decodePacket(packet);
  if (!decoded.ok || decoded.value.kind !== 'icmp') return undefined;
  const { message } = decoded.value.icmp;
  return message.kind === 'echoReply' && message.id === 0x50c && Buffer.from(message.data).toString() === `ping ${message.seq}` ? message.seq : undefined;
}

/** Resolves with the first packet `listen` is handed that `accept` takes; rejects after PATIENCE_MS. */
function firstPacket(listen: (onPacket: (packet: Uint8Array) => void) => void, accept: (packet: Uint8Array) => boolean): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no such packet within ${PATIENCE_MS} ms`)), PATIENCE_MS);
    listen((packet) => {
      if (!accept(packet)) return;
      clearTimeout(timer);
      resolve(packet);
    });
  });
}

/** `ip ARGS` in the namespace of the process `pid`. */
function ipIn(pid: number, ...args: string[]): string {
  return execFileSync('nsenter', [...nsenterArgs(pid), 'ip', ...args], { encoding: 'utf8', env: { ...process.env, PATH: commandPath() } });
}

describeTun('the TUN bridge', () => {
  it('an agent starts in a namespace of its own; the TUN interface is there, up, addressed — and not here', async () => {
    const agent = await TunAgent.start({ linuxAddress: LINUX, peerAddress: HARNESS });
    try {
      expect(agent.netns).toMatch(/^net:\[\d+\]$/);
      expect(agent.netns).not.toBe(fs.readlinkSync('/proc/self/ns/net'));
      expect(fs.readlinkSync(`/proc/${agent.pid}/ns/net`)).toBe(agent.netns);
      expect(ipIn(agent.pid, '-o', 'link', 'show', TUN_IFNAME)).toMatch(new RegExp(`${TUN_IFNAME}: <POINTOPOINT,.*UP.*> mtu 1500 `));
      expect(ipIn(agent.pid, '-o', '-4', 'addr', 'show', 'dev', TUN_IFNAME)).toContain(`inet ${LINUX} peer ${HARNESS}/32`);
      expect(fs.existsSync(`/sys/class/net/${TUN_IFNAME}`)).toBe(false);
    } finally {
      await agent.close();
    }
  });

  it('a packet round trip: an echo request goes into the device, and Linux answers out of it', async () => {
    const agent = await TunAgent.start({ linuxAddress: LINUX, peerAddress: HARNESS });
    try {
      const reply = firstPacket((onPacket) => (agent.onPacket = onPacket), (packet) => echoReplySeq(packet) === 1);
      await agent.inject(echoRequest(1));
      expect(echoReplySeq(await reply)).toBe(1);
    } finally {
      await agent.close();
    }
  });

  it("through the fault injector's delays, a round trip takes at least both of them", async () => {
    const agent = await TunAgent.start({ linuxAddress: LINUX, peerAddress: HARNESS });
    const link = new TunLink(agent, { seed: runSeed(), toLinux: { delayUs: 20_000 }, fromLinux: { delayUs: 30_000 } });
    try {
      const reply = firstPacket((onPacket) => (link.onReceive = onPacket), (packet) => echoReplySeq(packet) === 2);
      const sentUs = link.clock.nowUs();
      link.send(echoRequest(2));
      await reply;
      expect(link.clock.nowUs() - sentUs).toBeGreaterThanOrEqual(50_000);
      // The capture has both packets, each at the time it entered its path.
      expect(link.packets().map((entry) => entry.dropReason)).toEqual([undefined, undefined]);
    } finally {
      link.close();
      await agent.close();
    }
  });

  it('closing after the test body threw leaves no agent, no namespace and no device', async () => {
    const baseline = namedNamespaces();
    let agent: { pid: number; netns: string } | undefined;
    await expect(
      withPair(async (pair) => {
        agent = { pid: pair.agent.pid, netns: pair.agent.netns };
        throw new Error('the test body failed on purpose');
      }),
    ).rejects.toThrow('the test body failed on purpose');
    expect(agent && alive(agent.pid)).toBe(false);
    expect(findLeftovers(tunRun(), [agent!.netns], baseline)).toEqual(NOTHING_LEFT);
  });

  it('an agent that cannot create its interface does not start, says why, and is gone', async () => {
    await expect(TunAgent.start({ linuxAddress: LINUX, peerAddress: HARNESS, device: '/dev/null' })).rejects.toThrow(
      /^the TUN agent did not start: ioctl\(TUNSETIFF\) on \/dev\/null failed with E[A-Z]+/,
    );
    expect(liveAgents()).toEqual([]);
  });
});
