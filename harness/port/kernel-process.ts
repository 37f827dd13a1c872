/**
 * The kernel process's side of a {@link KernelServer}: it runs under the permission model, after
 * kernel-loader.ts, and serves every kernel one test file creates (kernel-servers.ts). Each kernel
 * runs behind a LocalPort, on the submission as loaded once for the file (its module state shared
 * by the file's kernels, as in the judge's process), so that it behaves exactly as it would in the
 * judge's process: same seed, same bytes.
 *
 * A batch is answered in order. A long one reports progress every few milliseconds, and a kernel's
 * creation (its loading) at once, so that the judge's watchdog times the oldest unanswered request,
 * not the batch. A call that never returns is then among the few milliseconds of calls sent after
 * the last progress; the judge names them all (watch.ts). Marking every request done at once, on a
 * pipe of its own, would name the very call, but halved the calls per second.
 */
import { serialize } from 'node:v8';
import type { CreateKernel } from '../contract';
import { loadSubmission } from '../loader/load-submission';
import { Rng } from '../sim/rng';
import type { BatchMessage, KernelIdentity, RepliesMessage, Request, StartMessage } from './child-protocol';
import { lostReply, type Reply } from './kernel-port';
import { LocalPort } from './local-port';
import { lockdown } from './lockdown';
import { toPortError } from './port-errors';

/** How long a batch runs before the replies so far are sent ahead of the rest. */
const PROGRESS_MS = 5;

type Send = (message: RepliesMessage) => void;

const DONE: Reply = { outcome: { ok: true, value: undefined }, transmitted: [], nextDeadline: undefined };

/** The kernels of one process, and how each request reaches its kernel. */
class Kernels {
  private readonly ports = new Map<number, LocalPort>();
  /** The submission once loaded: its `createKernel`, or why it did not load. */
  private loaded: CreateKernel | Error | undefined;

  constructor(private readonly submission: string) {}

  answer(request: Request): Reply {
    if (request.kind === 'create') return this.create(request.kernel, request.identity);
    if (request.kind === 'dispose') {
      this.ports.delete(request.kernel);
      return DONE;
    }
    const port = this.ports.get(request.kernel);
    if (!port) return lostReply(`the harness asked for kernel ${request.kernel}, which this process does not hold`);
    switch (request.kind) {
      case 'call':
        return port.callNow(request.nowMs, request.method, request.args);
      case 'repeat-send':
        return port.repeatSendNow(request.nowMs, request.fd, request.data);
      case 'receive':
        return port.receiveNow(request.nowMs, request.packet);
      case 'tick':
        return port.tickNow(request.nowMs);
    }
  }

  private create(id: number, identity: KernelIdentity): Reply {
    const createKernel = this.load();
    if (createKernel instanceof Error) return lostReply(createKernel.message);
    const rng = new Rng(identity.seed);
    this.ports.set(id, new LocalPort(createKernel, { address: identity.address, mtu: identity.mtu, random: () => rng.next() }));
    return DONE;
  }

  /** The submission, loaded by the first kernel: the kernels of one process share its module state, as those of one test file do in the judge's process. */
  private load(): CreateKernel | Error {
    if (this.loaded) return this.loaded;
    try {
      this.loaded = loadSubmission(this.submission).createKernel;
    } catch (error) {
      this.loaded = error instanceof Error ? error : new Error(String(error));
    }
    return this.loaded;
  }
}

/** `reply`, or a crash of its call when its value cannot cross the channel (a function, say). */
function crossable(reply: Reply): Reply {
  if (!reply.outcome.ok) return reply;
  try {
    serialize(reply.outcome.value);
    return reply;
  } catch (thrown) {
    const error = toPortError(thrown);
    const message = `the call's result cannot leave the stack's process: ${error.kind === 'crash' || error.kind === 'lost' ? error.message : error.kind}`;
    return { ...reply, outcome: { ok: false, error: { kind: 'crash', name: 'DataCloneError', message } } };
  }
}

/** Answers batches in order, numbering replies as the judge numbers its requests. */
class Answerer {
  private answered = 0;

  constructor(
    private readonly kernels: Kernels,
    private readonly send: Send,
  ) {}

  answer(batch: BatchMessage): void {
    let replies: Reply[] = [];
    let sentAt = performance.now();
    for (const request of batch.requests) {
      replies.push(this.kernels.answer(request));
      // After a kernel is created the judge must know it: the watchdog then times the next request.
      if (request.kind !== 'create' && performance.now() - sentAt < PROGRESS_MS) continue;
      this.sendReplies(replies);
      replies = [];
      sentAt = performance.now();
    }
    if (replies.length > 0) this.sendReplies(replies);
  }

  private sendReplies(replies: Reply[]): void {
    const first = this.answered + 1;
    this.answered += replies.length;
    try {
      this.send({ kind: 'replies', first, replies });
    } catch {
      // Some value could not be cloned: only the calls that returned one fail.
      this.send({ kind: 'replies', first, replies: replies.map(crossable) });
    }
  }
}

/** Run the kernel process: called once by the loader with the judge's start message. */
export function serve(start: StartMessage): void {
  // Taken before any submission loads, which could replace them on `process`.
  const send: Send | undefined = process.send?.bind(process);
  const exit = process.exit.bind(process);
  if (!send) throw new Error('kernel-process.ts runs only in a child process with an IPC channel (see kernel-server.ts)');
  // The judge is gone (it exited or was killed): so is the reason to run.
  process.on('disconnect', () => exit(0));
  lockdown();
  const answerer = new Answerer(new Kernels(start.submission), send);
  process.on('message', (batch: BatchMessage) => answerer.answer(batch));
}
