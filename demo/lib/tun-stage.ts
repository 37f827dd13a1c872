/**
 * What a TUN demo starts from and ends with: the bridge probed, the stack loaded, and the stack
 * joined to Linux over TUN (harness/phy/tun/tun-pair.ts); at the end, the packets both ways as a
 * pcapng. Also how the demos name Linux's end, the command that enters its namespace, and how
 * they tell an answer.
 */
import { writeCapture } from '../../harness/checks/capture';
import { loadSubmission } from '../../harness/loader';
import { nsenterArgs } from '../../harness/phy/tun/namespace-command';
import { probeTun } from '../../harness/phy/tun/probe';
import { openTunPair, type TunPair } from '../../harness/phy/tun/tun-pair';
import type { DemoIo } from './io';
import { counted, stamp } from './narrator';
import { shownPath, type DemoOptions } from './options';
import type { Served } from './temperature-service';

/** The stack `options.stack` and Linux over TUN; undefined, with the reason printed, where that cannot be. */
export async function openTunStage(options: DemoOptions, io: DemoIo): Promise<TunPair | undefined> {
  const probe = probeTun();
  if (!probe.ok) {
    io.err(`This demo needs the TUN bridge, which cannot run here: ${probe.cause}`);
    return undefined;
  }
  let createKernel;
  try {
    createKernel = loadSubmission(options.stack).createKernel;
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return undefined;
  }
  return openTunPair({ createKernel, seed: options.seed });
}

/** The line that introduces Linux's end. */
export function linuxLine(pair: TunPair): string {
  return `  Linux   ${pair.linuxAddress}, in a network namespace of its own (that of pid ${pair.agent.pid}), at the other end of a TUN device`;
}

/** The command, as a person types it, that runs what follows in Linux's namespace. */
export function enterCommand(pair: TunPair): string {
  return ['nsenter', ...nsenterArgs(pair.agent.pid)].join(' ');
}

/** One answer, as the TUN demos tell it: `[ 0.512000 s] TCP 10.0.0.1:40312 asked "temp?\n", answered "42 C\n"`. */
export function answerLine(served: Served): string {
  const { atMs, protocol, from, request, answer } = served;
  return `${stamp(Math.round(atMs * 1000))} ${protocol} ${from.address}:${from.port} asked ${JSON.stringify(request)}, answered ${JSON.stringify(answer)}`;
}

/** Write every packet both ways, as the link captured them, to `file`, and say where. */
export function writeTunPcap(io: DemoIo, pair: TunPair, file: string): void {
  const packets = pair.link.packets();
  if (packets.length === 0) return;
  writeCapture(file, packets);
  io.out(`pcap: ${shownPath(file)} (${counted(packets.length, 'packet')})   open it with:  wireshark ${shownPath(file)}`);
}
