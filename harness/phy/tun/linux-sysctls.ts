/**
 * The sysctls every TUN namespace gets, before its TUN interface exists. They are per-namespace
 * (net.*), so they never change the host. The TCP ones pin Linux to what the RFCs and socklab's
 * milestones teach, where Linux's defaults differ:
 *
 * - SYN retransmissions back off exponentially from the first (RFC 6298), not linearly for the
 *   first few (`tcp_syn_linear_timeouts`, in kernels since 6.x; skipped where it does not exist);
 * - Reno congestion control (RFC 5681), not CUBIC;
 * - no timestamps, SACK or window scaling options, which socklab stacks do not send: a script's
 *   SYN-ACK then carries the MSS alone, as a socklab stack's does.
 *
 * IPv6 is off, so Linux sends nothing but IPv4 into the device (no router solicitations).
 */
import type { Sysctl } from './agent/protocol';

export const LINUX_SYSCTLS: readonly Sysctl[] = [
  { key: 'net.ipv6.conf.all.disable_ipv6', value: '1', optional: true },
  { key: 'net.ipv6.conf.default.disable_ipv6', value: '1', optional: true },
  { key: 'net.ipv4.tcp_syn_linear_timeouts', value: '0', optional: true },
  { key: 'net.ipv4.tcp_congestion_control', value: 'reno' },
  { key: 'net.ipv4.tcp_timestamps', value: '0' },
  { key: 'net.ipv4.tcp_sack', value: '0' },
  { key: 'net.ipv4.tcp_window_scaling', value: '0' },
];
