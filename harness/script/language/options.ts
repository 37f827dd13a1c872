/**
 * Per-script options, written as lines `--name=value` (or `--portable`) before the first event:
 *
 *     --portable               the script encodes real TCP/IP behaviour: it must pass on Linux too
 *     --tolerance_usecs=4000   how far an outbound packet or a blocking call's return may be off its time
 *     --quiet_usecs=10000      after the last line, how long no unexpected packet may come
 *     --local_ip=10.0.0.1      the stack under test's address
 *     --remote_ip=10.0.0.2     the harness's address (the remote host)
 *     --local_port=8080        the port `...` binds to and inbound packets go to
 *     --remote_port=5000       the harness's port
 *     --peer_isn=0             the harness's initial sequence number (default: drawn from the seed)
 *     --mtu=1500               the link MTU the stack is told
 *
 * packetdrill's own names are taken too: --bind_port (--local_port), --connect_port
 * (--remote_port), and --ip_version=ipv4 (the only version socklab has).
 *
 * and the sysctls of backticked `sysctl` commands (shell-command.ts), also before the first event.
 */
import { parseAddress } from '../../wire';
import { ScriptSyntaxError, type Position } from './errors';
import type { ScriptSysctl } from './shell-command';

export interface ScriptOptions {
  readonly portable: boolean;
  readonly toleranceUs: number;
  readonly quietUs: number;
  readonly localAddress: string;
  readonly remoteAddress: string;
  readonly localPort: number;
  readonly remotePort: number;
  /** Undefined: chosen from the seed (so that relative numbers are tested, wraparound included). */
  readonly peerIsn: number | undefined;
  readonly mtu: number;
  /** Set in the order written, after the settings every Linux run gets (linux-sysctls.ts). */
  readonly sysctls: readonly ScriptSysctl[];
}

/** The options of a script that sets none. Addresses match the simulator's stack-and-peer topology. */
export const DEFAULT_OPTIONS: ScriptOptions = {
  portable: false,
  toleranceUs: 4_000,
  quietUs: 10_000,
  localAddress: '10.0.0.1',
  remoteAddress: '10.0.0.2',
  localPort: 8080,
  remotePort: 5000,
  peerIsn: undefined,
  mtu: 1500,
  sysctls: [],
};

type Setter = (options: ScriptOptions, value: string, at: Position) => ScriptOptions;

function integer(name: string, min: number, max: number): (value: string, at: Position) => number {
  return (value, at) => {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      throw new ScriptSyntaxError(`--${name} takes a whole number from ${min} to ${max}, not ${JSON.stringify(value)}`, at);
    }
    return Number(value);
  };
}

function address(name: string): (value: string, at: Position) => string {
  return (value, at) => {
    const parsed = parseAddress(value);
    if (!parsed.ok) throw new ScriptSyntaxError(`--${name}: ${parsed.reason}`, at);
    return value;
  };
}

const SETTERS: Record<string, Setter | 'flag'> = {
  portable: 'flag',
  tolerance_usecs: (o, v, at) => ({ ...o, toleranceUs: integer('tolerance_usecs', 0, 10_000_000)(v, at) }),
  quiet_usecs: (o, v, at) => ({ ...o, quietUs: integer('quiet_usecs', 0, 100_000_000)(v, at) }),
  local_ip: (o, v, at) => ({ ...o, localAddress: address('local_ip')(v, at) }),
  remote_ip: (o, v, at) => ({ ...o, remoteAddress: address('remote_ip')(v, at) }),
  local_port: (o, v, at) => ({ ...o, localPort: integer('local_port', 1, 65535)(v, at) }),
  remote_port: (o, v, at) => ({ ...o, remotePort: integer('remote_port', 1, 65535)(v, at) }),
  peer_isn: (o, v, at) => ({ ...o, peerIsn: integer('peer_isn', 0, 0xffffffff)(v, at) }),
  mtu: (o, v, at) => ({ ...o, mtu: integer('mtu', 68, 65535)(v, at) }),
  bind_port: (o, v, at) => ({ ...o, localPort: integer('bind_port', 1, 65535)(v, at) }),
  connect_port: (o, v, at) => ({ ...o, remotePort: integer('connect_port', 1, 65535)(v, at) }),
  ip_version: (o, v, at) => {
    if (v !== 'ipv4') throw new ScriptSyntaxError(`--ip_version=${v}: socklab stacks speak IPv4 only (--ip_version=ipv4)`, at);
    return o;
  },
};

/**
 * `options` with one option line applied: `name` as written after `--`, `value` after `=`
 * (undefined when there is none). `at` is where the name starts, `valueAt` where the value does.
 */
export function applyOption(options: ScriptOptions, name: string, value: string | undefined, at: Position, valueAt: Position): ScriptOptions {
  const setter = Object.prototype.hasOwnProperty.call(SETTERS, name) ? SETTERS[name] : undefined;
  if (setter === undefined) {
    throw new ScriptSyntaxError(`unknown option --${name}; known: ${Object.keys(SETTERS).map((n) => `--${n}`).join(', ')}`, at);
  }
  if (setter === 'flag') {
    if (value !== undefined) throw new ScriptSyntaxError(`--${name} takes no value`, valueAt);
    return { ...options, portable: true };
  }
  if (value === undefined) throw new ScriptSyntaxError(`--${name} needs a value: --${name}=...`, at);
  return setter(options, value, valueAt);
}
