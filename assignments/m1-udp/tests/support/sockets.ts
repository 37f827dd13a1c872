/** Opening sockets through the process view, for tests on any topology. */
import { INADDR_ANY, type Fd } from '../../../../harness/contract';
import type { Sys } from '../../../../harness/runtime';

/** A UDP socket of `sys` bound to `address:port` (0.0.0.0 unless given; port 0 for an ephemeral one). */
export async function boundUdpSocket(sys: Sys, port: number, address: string = INADDR_ANY): Promise<Fd> {
  const fd = await sys.socket('udp');
  await sys.bind(fd, { address, port });
  return fd;
}
