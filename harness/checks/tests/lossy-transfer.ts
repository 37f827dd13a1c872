/**
 * A failed transfer's packets, for tests of the evidence drawn from them (the time–sequence graph,
 * the HTML report that shows it): twelve segments of 100 bytes, the third lost and sent again
 * 200 ms later, with the duplicate ACKs meanwhile and one ACK of everything at the end. The
 * sender's first byte sits just below 2^32, so that its sequence numbers wrap.
 */
import { buildTcp, TcpFlag } from '../../wire';
import type { FailedRun } from '../evidence';
import type { LadderEntry } from '../ladder';

const SENDER = { address: '10.0.0.1', port: 5000 };
const RECEIVER = { address: '10.0.0.2', port: 8080 };
export const MSS = 100;
const ISN = 0xffffff00;

function data(timeUs: number, offset: number, dropReason?: string): LadderEntry {
  const packet = buildTcp({ src: SENDER.address, dst: RECEIVER.address, srcPort: SENDER.port, dstPort: RECEIVER.port, seq: (ISN + offset) >>> 0, ack: 1, flags: TcpFlag.ACK, window: 65535, payload: new Uint8Array(MSS) });
  return dropReason === undefined ? { timeUs, packet } : { timeUs, packet, dropReason };
}

function ack(timeUs: number, offset: number, window: number): LadderEntry {
  return { timeUs, packet: buildTcp({ src: RECEIVER.address, dst: SENDER.address, srcPort: RECEIVER.port, dstPort: SENDER.port, seq: 1, ack: (ISN + offset) >>> 0, flags: TcpFlag.ACK, window }) };
}

/** The transfer's packets, in time order. */
export function lossyTransfer(): LadderEntry[] {
  const entries: LadderEntry[] = [];
  for (let i = 0; i < 12; i++) entries.push(data(i * 1000, i * MSS, i === 2 ? 'loss' : undefined));
  for (let i = 0; i < 12; i++) if (i !== 2) entries.push(ack(i * 1000 + 500, Math.min(i + 1, 2) * MSS, 4000));
  entries.push(data(200_000, 2 * MSS));
  entries.push(ack(200_500, 12 * MSS, 4000));
  return entries.sort((a, b) => a.timeUs - b.timeUs);
}

/** The failed run of test `testName` in `testFile` that ended with this transfer, under `seed`. */
export function failedTransferRun(testFile: string, testName: string, seed: number): FailedRun {
  return {
    testFile,
    testName,
    seed,
    nowUs: 200_500,
    packets: lossyTransfer(),
    sides: [
      { name: 'stack', address: SENDER.address },
      { name: 'peer', address: RECEIVER.address },
    ],
  };
}
