/** The packet-level topology: the harness as the stack's peer. */
import { buildUdp } from '../../wire';
import { createToyKernel } from '../../testing/toy-kernel';
import { stackAndPeer } from '../stack-and-peer';

const datagram = (text: string): Uint8Array =>
  buildUdp({ src: '10.0.0.2', dst: '10.0.0.1', srcPort: 5000, dstPort: 7, payload: new TextEncoder().encode(text) });

describe('the harness as the peer', () => {
  it("a peer that waits in vain for an answer names what the stack's kernel dropped since the wait began", async () => {
    const { peer, sim } = stackAndPeer({ seed: 3, stack: { createKernel: createToyKernel } });
    // Dropped before the wait: not counted in it.
    await peer.send(datagram('drop'));
    await sim.sleep(5);
    const answer = peer.next();
    await peer.send(datagram('drop'));
    await expect(answer).rejects.toThrow(
      'deadlock: the peer waiting for a packet from the stack waits, but no packet or timer is pending (t=6.000 ms, seed 3); ' +
        "since the wait began (t=5.000 ms), stack's kernel received 1 packet and dropped UdpInCsumErrors +1 (UDP checksum did not verify)",
    );
  });

  it('a peer that waits with a timeout gets nothing back, as before', async () => {
    const { peer, sim } = stackAndPeer({ seed: 3, stack: { createKernel: createToyKernel } });
    expect(await peer.next(10)).toBeUndefined();
    expect(sim.nowUs).toBe(10_000);
  });
});
