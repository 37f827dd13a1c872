/**
 * Starting a TUN agent: `unshare` (namespace-command.ts) execs a fresh `node` whose first code is
 * the agent's loader; the start message then brings the agent's files, transpiled here with the
 * harness's cached transpiler, so the agent starts in a fraction of a second without a compiler.
 *
 * The agent's files are every `.ts` file in agent/: they import only Node, koffi and each other
 * (types aside), so that the agent runs none of the harness.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { transpile } from '../../port/child-sources';
import type { AgentConfig, AgentSource, StartMessage } from './agent/protocol';
import { commandPath, unshareArgs } from './namespace-command';

const AGENT_DIR = fs.realpathSync(path.join(__dirname, 'agent'));
const LOADER = path.join(AGENT_DIR, 'loader.ts');
const ENTRY = path.join(AGENT_DIR, 'main.ts');

/**
 * Every agent's environment names the run that started it, so that whatever a run left behind
 * can be found by that name in /proc/PID/environ.
 */
export const TUN_RUN_ENV = 'SOCKLAB_TUN_RUN';

/** This run's name: the caller's own SOCKLAB_TUN_RUN when it has one (a test that checks a child run sets it), else the harness's pid. */
export function tunRun(): string {
  return process.env[TUN_RUN_ENV] ?? String(process.pid);
}

/** The agent's files, transpiled, by absolute path. */
function agentSources(): Map<string, AgentSource> {
  const files = fs.readdirSync(AGENT_DIR).filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));
  return new Map(files.map((file) => [path.join(AGENT_DIR, file), transpile(path.join(AGENT_DIR, file), path.join('harness/phy/tun/agent', file))]));
}

/** Start an agent with `config`. Its stderr is piped (to explain a failure); its messages come over IPC. */
export function launchAgent(config: AgentConfig): ChildProcess {
  const loader = transpile(LOADER, 'harness/phy/tun/agent/loader.ts');
  if ('error' in loader) throw new Error(`the TUN agent's loader does not compile: ${loader.error}`);
  const child = spawn('unshare', [...unshareArgs(), process.execPath, '-e', loader.js], {
    // Enough thread-pool threads for several calls asleep at once (accept, recv, poll ...).
    env: { PATH: commandPath(), UV_THREADPOOL_SIZE: '16', [TUN_RUN_ENV]: tunRun() },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  const start: StartMessage = { kind: 'start', sources: agentSources(), entry: ENTRY, config };
  // Without a pid the process did not start: its 'error' event says why.
  if (child.pid !== undefined) child.send(start);
  return child;
}
