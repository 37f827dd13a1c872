/**
 * getsockopt(TCP_INFO): Linux's `struct tcp_info` (`include/uapi/linux/tcp.h`), of which the
 * fields a script's `%{ assert tcpi_... }%` may read. The struct grows with the kernel; these
 * fields have kept their places since Linux 2.6, in its first 104 bytes.
 */
import type { TcpiValues } from '../../../script/language/tcpi';
import { IPPROTO_TCP } from './libc';

/** TCP_INFO's option number at level IPPROTO_TCP (`<netinet/tcp.h>`). */
export const TCP_INFO = { level: IPPROTO_TCP, name: 11 } as const;

/** The bytes asked for: up to tcpi_total_retrans. */
export const TCP_INFO_SIZE = 104;

/** The fields of the `length` bytes getsockopt wrote into `buffer`. */
export function decodeTcpInfo(buffer: Buffer, length: number): TcpiValues {
  if (length < TCP_INFO_SIZE) throw new Error(`getsockopt(TCP_INFO) gave ${length} bytes, fewer than the ${TCP_INFO_SIZE} of the fields socklab reads`);
  return {
    tcpi_state: buffer.readUInt8(0),
    tcpi_ca_state: buffer.readUInt8(1),
    tcpi_rto: buffer.readUInt32LE(8),
    tcpi_snd_mss: buffer.readUInt32LE(16),
    tcpi_rtt: buffer.readUInt32LE(68),
    tcpi_rttvar: buffer.readUInt32LE(72),
    tcpi_snd_ssthresh: buffer.readUInt32LE(76),
    tcpi_snd_cwnd: buffer.readUInt32LE(80),
    tcpi_total_retrans: buffer.readUInt32LE(100),
  };
}
