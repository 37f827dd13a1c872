/**
 * A socklab stack's tcpInfo as Linux's getsockopt(TCP_INFO) reports the same things, for the
 * `%{ assert tcpi_... }%` lines: Linux's state numbers (`include/net/tcp_states.h`), times in
 * microseconds, windows in segments of the MSS.
 */
import type { CongestionState, TcpInfo, TcpState } from '../../contract';
import type { TcpiValues } from '../language/tcpi';

const LINUX_STATES: Readonly<Record<TcpState, number>> = {
  ESTABLISHED: 1,
  SYN_SENT: 2,
  SYN_RECEIVED: 3,
  FIN_WAIT_1: 4,
  FIN_WAIT_2: 5,
  TIME_WAIT: 6,
  CLOSED: 7,
  CLOSE_WAIT: 8,
  LAST_ACK: 9,
  LISTEN: 10,
  CLOSING: 11,
};

/** Linux's TCP_CA_* numbers (`include/uapi/linux/tcp.h`); it has CWR (2) besides, for ECN. */
const LINUX_CA_STATES: Readonly<Record<CongestionState, number>> = { open: 0, disorder: 1, recovery: 3, loss: 4 };

/** Linux's TCP_INFINITE_SSTHRESH: the slow-start threshold before the first loss. */
const INFINITE_SSTHRESH = 0x7fffffff;

const inSegments = (bytes: number, mss: number): number => (mss > 0 ? Math.floor(bytes / mss) : 0);

export function tcpiOf(info: TcpInfo): TcpiValues {
  return {
    tcpi_state: LINUX_STATES[info.state],
    tcpi_ca_state: LINUX_CA_STATES[info.congestionState],
    tcpi_rto: Math.round(info.rto * 1000),
    tcpi_rtt: Math.round(info.srtt * 1000),
    tcpi_rttvar: Math.round(info.rttvar * 1000),
    tcpi_snd_mss: info.mss,
    tcpi_snd_cwnd: inSegments(info.cwnd, info.mss),
    tcpi_snd_ssthresh: info.ssthresh >= INFINITE_SSTHRESH ? INFINITE_SSTHRESH : inSegments(info.ssthresh, info.mss),
    tcpi_total_retrans: info.retransmits,
  };
}
