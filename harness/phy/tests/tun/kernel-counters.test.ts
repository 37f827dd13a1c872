import { parseMibTable } from '../../tun/agent/kernel-counters';

const SNMP = ['Ip: Forwarding InHdrErrors', 'Ip: 2 3', 'Udp: InDatagrams NoPorts InErrors', 'Udp: 5 1 0', ''].join('\n');
const NETSTAT = ['TcpExt: SyncookiesSent ListenOverflows ListenDrops', 'TcpExt: 0 4 4', 'IpExt: InNoRoutes', 'IpExt: 9', ''].join('\n');

describe("Linux's counters as socklab names them", () => {
  it('joins the group and the field in /proc/net/snmp', () => {
    expect(parseMibTable(SNMP, 'joined')).toEqual({ IpForwarding: 2, IpInHdrErrors: 3, UdpInDatagrams: 5, UdpNoPorts: 1, UdpInErrors: 0 });
  });

  it('keeps the bare field of TcpExt in /proc/net/netstat, and only of TcpExt', () => {
    expect(parseMibTable(NETSTAT, 'bare')).toEqual({ SyncookiesSent: 0, ListenOverflows: 4, ListenDrops: 4 });
  });

  it('skips a header whose value line belongs to another group, and values that are not numbers', () => {
    expect(parseMibTable(['Ip: A B', 'Udp: 1 2', 'Tcp: C D', 'Tcp: 7 x'].join('\n'), 'joined')).toEqual({ TcpC: 7 });
  });
});
