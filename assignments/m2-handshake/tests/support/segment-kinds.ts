/**
 * Which TCP segments a scripted drop takes (`link.dropNth(1, isSyn)`): predicates on the raw
 * bytes of a packet, read with the harness's own codec.
 */
import { decodePacket, TcpFlag } from '../../../../harness/wire';

/** The TCP flags of a packet, or undefined when it is not a well-formed TCP segment. */
function tcpFlags(packet: Uint8Array): number | undefined {
  const decoded = decodePacket(packet);
  return decoded.ok && decoded.value.kind === 'tcp' ? decoded.value.tcp.header.flags : undefined;
}

const { SYN, ACK, FIN } = TcpFlag;

/** A SYN that opens a connection (no ACK). */
export const isSyn = (packet: Uint8Array): boolean => tcpFlags(packet) === SYN;

/** A SYN-ACK. */
export const isSynAck = (packet: Uint8Array): boolean => tcpFlags(packet) === (SYN | ACK);

/** A segment with FIN. */
export const isFin = (packet: Uint8Array): boolean => ((tcpFlags(packet) ?? 0) & FIN) !== 0;

/** A segment with only the ACK flag (no data check: the handshake's last ACK is one). */
export const isBareAck = (packet: Uint8Array): boolean => tcpFlags(packet) === ACK;
