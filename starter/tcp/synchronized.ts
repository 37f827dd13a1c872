// Generated from reference/tcp/synchronized.ts by `npm run starter:build`. This file is yours now: edit it freely.
// Each TODO(mN) stub below throws NotImplemented until you write that part in milestone N. Its
// `void name;` lines only mark the parameters as used, so that the stub compiles: delete them with it.

/**
 * A segment for a connection in SYN_RECEIVED or any later state: RFC 9293 §3.10.7.4 in order.
 */
import type { TcpConnection } from './connection';
import type { TcpSegment } from './segment';
import { NotImplemented } from '../../harness/contract';

/**
 * Process `segment` for `socket`'s synchronized connection: check it (sequence number, RST,
 * SYN), process its ACK, take its data and FIN, then send what the new state allows (data the
 * window now admits, a FIN) and the ACK we owe, if no data segment carried it already.
 */
export function synchronizedInput(socket: TcpConnection, segment: TcpSegment): void {
  // TODO(m2): handle a segment in a synchronized state (checks, ACK, data and FIN, then what to send)
  void socket;
  void segment;
  throw new NotImplemented('m2', 'handle a segment in a synchronized state (checks, ACK, data and FIN, then what to send)');
}
