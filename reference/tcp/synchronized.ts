/**
 * A segment for a connection in SYN_RECEIVED or any later state: RFC 9293 §3.10.7.4 in order.
 */
import { processAck } from './ack';
import type { TcpConnection } from './connection';
import { sendAck } from './output';
import { receiveText } from './receive';
import type { TcpSegment } from './segment';
import { transmitPending } from './transmit';
import { checkSegment } from './validate';

/**
 * Process `segment` for `socket`'s synchronized connection: check it (sequence number, RST,
 * SYN), process its ACK, take its data and FIN, then send what the new state allows (data the
 * window now admits, a FIN) and the ACK we owe, if no data segment carried it already.
 */
export function synchronizedInput(socket: TcpConnection, segment: TcpSegment): void {
  // @solution m2 begin: handle a segment in a synchronized state (checks, ACK, data and FIN, then what to send)
  if (!checkSegment(socket, segment)) return;
  if (!processAck(socket, segment)) return;
  receiveText(socket, segment);
  transmitPending(socket);
  if (socket.tcb.ackPending) sendAck(socket);
  // @solution end
}
