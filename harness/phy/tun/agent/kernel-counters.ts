/**
 * Linux's own counters for the agent's network namespace, named as socklab's kernels name theirs
 * (harness/contract/types.ts): the MIB group and the field joined (`Ip` + `InHdrErrors` is
 * IpInHdrErrors) from /proc/net/snmp, and the bare field (ListenOverflows) from the TcpExt group
 * of /proc/net/netstat. A packet script that fails on Linux then says what Linux dropped, as it
 * does on the simulator. /proc/net is the reading process's namespace: the agent's own.
 */
import * as fs from 'node:fs';

/** The groups of /proc/net/netstat whose fields keep their bare names. */
const BARE_GROUPS = new Set(['TcpExt']);

/** Every counter of /proc/net/snmp and the TcpExt counters of /proc/net/netstat; a file that cannot be read gives none. */
export function readKernelCounters(): Record<string, number> {
  return { ...parseMibTable(readOrEmpty('/proc/net/snmp'), 'joined'), ...parseMibTable(readOrEmpty('/proc/net/netstat'), 'bare') };
}

/**
 * /proc/net/snmp and /proc/net/netstat: per group, a line of field names then a line of values,
 * both starting with `Group:`. `naming` says how a field is named: joined to its group, or bare
 * (and then only the groups in {@link BARE_GROUPS}).
 */
export function parseMibTable(text: string, naming: 'joined' | 'bare'): Record<string, number> {
  const counters: Record<string, number> = {};
  const lines = text.split('\n').filter((line) => line.includes(':'));
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const [group, ...names] = lines[i]!.split(/\s+/).filter(Boolean);
    const [valueGroup, ...values] = lines[i + 1]!.split(/\s+/).filter(Boolean);
    if (!group || group !== valueGroup) continue;
    const name = group.slice(0, -1);
    if (naming === 'bare' && !BARE_GROUPS.has(name)) continue;
    names.forEach((field, j) => {
      const value = Number(values[j]);
      if (Number.isFinite(value)) counters[naming === 'joined' ? `${name}${field}` : field] = value;
    });
  }
  return counters;
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
