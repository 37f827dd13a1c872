/**
 * The TUN agent: a child process of the harness, started by `unshare` in a network namespace of
 * its own. It sets the namespace up, creates the TUN interface, and then serves the harness over
 * the IPC channel (server.ts): packets Linux sends go up as they come, packets the harness injects
 * go into the device, and socket calls run on Linux sockets in the namespace (call-runner.ts).
 *
 * It holds no state outside itself: the namespace lives as long as a process is in it, the TUN
 * interface as long as its fd is open, the sockets as long as their fds. So when the agent dies —
 * the harness kills it, or the harness itself dies (PR_SET_PDEATHSIG) — the kernel tears all of it
 * down, and nothing can be left behind.
 */
import * as fs from 'node:fs';
import type { AgentConfig, AgentMessage, Request } from './protocol';
import { libcCalls as libc, PR_SET_PDEATHSIG, SIGKILL } from './libc';
import { configureInterface, prepareNamespace } from './namespace-setup';
import { AgentServer } from './server';
import { TunDevice } from './tun-device';
import { warmUp } from './warm-up';

/** Set up, say `ready` (or `failed`), then serve the harness until it goes. */
export function runAgent(config: AgentConfig): void {
  dieWithParent(config.parentPid);
  let device: TunDevice;
  try {
    prepareNamespace(config.sysctls);
    device = TunDevice.open(config.device, config.ifname, (packet, timeUs) => send({ kind: 'packet', timeUs, packet }));
    configureInterface(config);
    device.watch();
  } catch (error) {
    send({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) }, () => process.exit(1));
    return;
  }
  warmUp().then(() => {
    const server = new AgentServer(device, (message) => send(message), crash);
    process.on('message', (request: Request) => server.serve(request));
    send({ kind: 'ready', netns: fs.readlinkSync('/proc/self/ns/net') });
  }, crash);
}

function send(message: AgentMessage, then?: () => void): void {
  process.send!(message, undefined, undefined, then);
}

/** A broken agent says why on stderr (the harness shows it) and dies with everything it holds. */
function crash(error: unknown): void {
  const reason = error instanceof Error ? error.message : String(error);
  process.stderr.write(`socklab TUN agent: ${reason}\n`, () => process.kill(process.pid, 'SIGKILL'));
}

/**
 * End with the harness: the kernel kills the agent when its parent dies, and a closed IPC channel
 * means the harness let go of it. SIGKILL, not exit(): a call asleep on the thread pool would
 * hold up a normal exit.
 */
function dieWithParent(parentPid: number): void {
  libc.prctl(PR_SET_PDEATHSIG, 'unsigned long', SIGKILL);
  // The parent may have died before the line above: then the agent has been re-parented already.
  if (libc.getppid() !== parentPid) process.kill(process.pid, 'SIGKILL');
  process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));
}
