/**
 * A connection set up to probe the edges of the stack's receive window: the stack accepted it
 * with a receive buffer of a chosen size, holds some of the peer's data unread (so that RCV.WND
 * is what is left, not the buffer), and has sent 10 bytes of its own that nobody acknowledged, so
 * that a probe carrying an ACK of them shows whether its ACK field was taken.
 */
import { INADDR_ANY, type Fd } from '../../../../harness/contract';
import type { NetTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import type { PeerConnection } from './peer-connection';
import { openTcpLab, type TcpLab } from './tcp-lab';

const STACK_PORT = 8080;
const PEER_PORT = 5000;
/** The stack's own data, left unacknowledged. */
export const STACK_DATA_LENGTH = 10;

export interface WindowEdges {
  readonly lab: TcpLab;
  readonly conn: PeerConnection;
  readonly fd: Fd;
  /** RCV.NXT, relative to the peer's ISN. */
  readonly rcvNxt: number;
  /** RCV.WND, as the stack's last segment advertised it. */
  readonly rcvWnd: number;
}

/** The stack's data segment must advertise this window, or the edges probed would not be where the test says. */
function checkWindow(advertised: number, expected: number): void {
  if (advertised !== expected) {
    throw new Error(`the stack advertises a window of ${advertised} bytes with ${expected} bytes of its receive buffer free: probes at the window's edges would miss them`);
  }
}

/** A connection whose receive buffer is `receiveBuffer` bytes, `unread` of them taken by the peer's data. */
export async function windowEdges(t: NetTest, { receiveBuffer, unread }: { receiveBuffer: number; unread: number }): Promise<WindowEdges> {
  const lab = openTcpLab(t);
  const listener = await lab.sys.socket('tcp');
  await lab.sys.setsockopt(listener, 'SO_RCVBUF', receiveBuffer);
  await lab.sys.bind(listener, { address: INADDR_ANY, port: STACK_PORT });
  await lab.sys.listen(listener, 1);
  const conn = lab.connection(PEER_PORT, STACK_PORT);
  await conn.open();
  const { fd } = await lab.sys.accept(listener);
  await conn.push(new Uint8Array(unread).fill(0x61));
  await conn.expect({ flags: TcpFlag.ACK });
  await lab.sys.send(fd, new Uint8Array(STACK_DATA_LENGTH).fill(0x62));
  const data = await conn.expect({ flags: TcpFlag.PSH | TcpFlag.ACK, length: STACK_DATA_LENGTH });
  checkWindow(data.header.window, receiveBuffer - unread);
  return { lab, conn, fd, rcvNxt: conn.sndNxt, rcvWnd: data.header.window };
}

/** SND.UNA of the stack's connection, relative to its ISN: 1 while its data is unacknowledged, 11 once acknowledged. */
export async function stackSndUna(edges: WindowEdges): Promise<number> {
  const info = await edges.lab.sys.tcpInfo(edges.fd);
  return (info.sndUna - edges.conn.stackIsn) >>> 0;
}
