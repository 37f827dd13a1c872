/**
 * How the stack reads the options of a peer's SYN, seen through the MSS it then uses: the
 * accepted connection's first data segment is min(peer's MSS, 1460) bytes long, 536 when the
 * SYN's MSS option was not read. The layouts are the edge cases RFC 9293 §3.2 and Linux's
 * tcp_parse_options agree on: End of Option List ends the options; a 2-byte option (SACK
 * permitted) is skipped by its length; an MSS option of a length other than 4, an option with a
 * length below 2, and a lone kind byte at the end of the header each end or skip as Linux does,
 * keeping what was read before them.
 */
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { patchTcp } from '../support/crafted';
import { expectNamed } from '../support/named-check';
import { openTcpLab } from '../support/tcp-lab';
import { listenOn } from '../support/tcp-sockets';

const STACK_PORT = 6060;
const PEER_PORT = 46000;
/** The MSS the crafted options announce, below the stack's own 1460. */
const PEER_MSS = 500;
/** What the stack must assume when the SYN's MSS was not read (RFC 9293 §3.7.1). */
const DEFAULT_MSS = 536;
/** More than any MSS here, so that the first segment is a full one. */
const WRITE = 1200;

const { SYN, ACK } = TcpFlag;
const MSS_500 = [2, 4, PEER_MSS >> 8, PEER_MSS & 0xff];

/**
 * Open a connection with a SYN whose option bytes are exactly `options` (a multiple of 4 long),
 * have the stack write, and return the length of its first data segment.
 */
async function firstSegmentAfter(t: Parameters<Parameters<typeof netTest>[1]>[0], options: readonly number[]): Promise<number> {
  const lab = openTcpLab(t);
  const listener = await listenOn(lab.sys, STACK_PORT);
  const conn = lab.connection(PEER_PORT, STACK_PORT);
  // A placeholder option of the right size, whose bytes are then overwritten (checksum redone).
  const placeholder = [{ kind: 254, data: new Uint8Array(options.length - 2) }];
  await conn.syn(placeholder, (packet) => patchTcp(packet, (segment) => segment.set(options, 20)));
  await conn.expect({ flags: SYN | ACK, seq: 0, ack: 1 });
  await conn.ack();
  const { fd } = await lab.sys.accept(listener);
  await lab.sys.send(fd, new Uint8Array(WRITE).fill(0x6f));
  const first = await conn.expect({ flags: ACK });
  return first.payload.length;
}

describe('options of a SYN', () => {
  netTest('End of Option List ends the options: an MSS after it is not read', async (t) => {
    // Kind 0, then bytes that would read as a 4-byte option and an MSS if parsing went on.
    expectNamed('first segment length', await firstSegmentAfter(t, [0, 4, 0, 0, ...MSS_500]), DEFAULT_MSS);
  });

  netTest('a 2-byte option (SACK permitted) and NOPs are skipped: the MSS after them is read', async (t) => {
    expectNamed('first segment length', await firstSegmentAfter(t, [1, 1, 4, 2, ...MSS_500]), PEER_MSS);
  });

  netTest('an unknown option of length 4 after the MSS is skipped, not read as an MSS', async (t) => {
    expectNamed('first segment length', await firstSegmentAfter(t, [...MSS_500, 30, 4, 0, 200]), PEER_MSS);
  });

  netTest('an MSS option whose length is not 4 is not read', async (t) => {
    expectNamed('first segment length', await firstSegmentAfter(t, [2, 6, PEER_MSS >> 8, PEER_MSS & 0xff, 0, 0, 1, 1]), DEFAULT_MSS);
  });

  netTest('an option with a length byte of 1 ends the options', async (t) => {
    // Read past the bad length as if it were one byte, the next byte (1) would be a NOP, then an MSS.
    expectNamed('first segment length', await firstSegmentAfter(t, [8, 1, ...MSS_500, 0, 0]), DEFAULT_MSS);
  });

  netTest('an option with a length byte of 0 ends the options', async (t) => {
    expectNamed('first segment length', await firstSegmentAfter(t, [8, 0, ...MSS_500, 0, 0]), DEFAULT_MSS);
  });

  netTest('an option running past the header ends the options, keeping the MSS read before it', async (t) => {
    // A second MSS option whose value would lie beyond the header's last byte.
    expectNamed('first segment length', await firstSegmentAfter(t, [...MSS_500, 1, 1, 2, 4]), PEER_MSS);
  });

  netTest('a kind byte alone at the end of the header (no length byte) ends the options, keeping the MSS read before it', async (t) => {
    expectNamed('first segment length', await firstSegmentAfter(t, [...MSS_500, 1, 1, 1, 8]), PEER_MSS);
  });
});
