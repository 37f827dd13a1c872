/**
 * Linux's clients of the epoll demo over TUN: `nc` processes in the TUN agent's namespace, all
 * started at once, each sending "temp?" and printing what the server answers until it closes.
 */
import { spawn } from 'node:child_process';
import { commandPath, nsenterArgs } from '../../harness/phy/tun/namespace-command';
import type { TunPair } from '../../harness/phy/tun/tun-pair';
import { REQUEST, TEMPERATURE_PORT } from './temperature';
import { enterCommand } from './tun-stage';

/** How long an nc waits for the connection, and then for the server, before it gives up. */
const NC_TIMEOUT_SECONDS = 5;

/** What one nc printed, and how it ended. */
export interface NcResult {
  readonly output: string;
  /** What it printed on stderr: why it failed, if it did. */
  readonly errors: string;
  /** Its exit status; null when a signal ended it. */
  readonly status: number | null;
}

/** One client's command line, as a person types it into another terminal. */
export function ncCommandLine(pair: TunPair): string {
  return `echo '${REQUEST}' | ${enterCommand(pair)} ${ncArgs(pair).join(' ')}`;
}

/** Run `count` nc clients of the stack at once; their results in the order they were started. */
export function runNcClients(pair: TunPair, count: number): Promise<NcResult[]> {
  return Promise.all(Array.from({ length: count }, () => runNc(pair)));
}

function ncArgs(pair: TunPair): string[] {
  return ['nc', '-w', String(NC_TIMEOUT_SECONDS), pair.stackAddress, String(TEMPERATURE_PORT)];
}

function runNc(pair: TunPair): Promise<NcResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('nsenter', [...nsenterArgs(pair.agent.pid), ...ncArgs(pair)], { env: { ...process.env, PATH: commandPath() } });
    let output = '';
    let errors = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ output, errors, status }));
    child.stdin.end(`${REQUEST}\n`);
  });
}
