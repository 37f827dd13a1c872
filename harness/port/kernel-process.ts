/**
 * The child's side of a {@link ChildPort}: it runs in the kernel's own process, under the
 * permission model, after kernel-loader.ts. It loads the submission, puts its kernel behind a
 * LocalPort (so that a kernel behaves exactly as it would in the judge's process, same seed, same
 * bytes), and answers the judge's requests one at a time.
 */
import { loadSubmission } from '../loader/load-submission';
import { Rng } from '../sim/rng';
import type { ReadyMessage, ReplyMessage, Request, StartMessage } from './child-protocol';
import type { KernelPort, Reply } from './kernel-port';
import { LocalPort } from './local-port';
import { lockdown } from './lockdown';
import { toPortError } from './port-errors';

type Send = (message: ReadyMessage | ReplyMessage) => void;

function answer(port: KernelPort, request: Request): Promise<Reply> {
  switch (request.kind) {
    case 'call':
      return port.call(request.nowMs, request.method, request.args);
    case 'receive':
      return port.receive(request.nowMs, request.packet);
    case 'tick':
      return port.tick(request.nowMs);
  }
}

/** Send the reply; a value that cannot be cloned (a function, say) becomes a crash of the call. */
function sendReply(send: Send, seq: number, reply: Reply): void {
  try {
    send({ kind: 'reply', seq, ...reply });
  } catch (thrown) {
    const error = toPortError(thrown);
    const message = `the call's result cannot leave the stack's process: ${error.kind === 'crash' || error.kind === 'lost' ? error.message : error.kind}`;
    send({ kind: 'reply', seq, ...reply, outcome: { ok: false, error: { kind: 'crash', name: 'DataCloneError', message } } });
  }
}

/** Run the kernel process: called once by the loader with the judge's start message. */
export function serve(start: StartMessage): void {
  // Taken before the submission loads, which could replace them on `process`.
  const send: Send | undefined = process.send?.bind(process);
  const exit = process.exit.bind(process);
  if (!send) throw new Error('kernel-process.ts runs only in a child process with an IPC channel (see child-port.ts)');
  // The judge is gone (it exited or was killed): so is the reason to run.
  process.on('disconnect', () => exit(0));
  lockdown();

  let port: KernelPort;
  try {
    const rng = new Rng(start.seed);
    const { createKernel } = loadSubmission(start.submission);
    port = new LocalPort(createKernel, { address: start.address, mtu: start.mtu, random: () => rng.next() });
  } catch (error) {
    send({ kind: 'ready', loadError: error instanceof Error ? error.message : String(error) });
    return;
  }
  process.on('message', (request: Request) => {
    void answer(port, request).then((reply) => sendReply(send, request.seq, reply));
  });
  send({ kind: 'ready' });
}
