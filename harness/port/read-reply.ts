/**
 * What the judge accepts from a kernel's process. Everything the child sends is untrusted: a
 * message is taken only in the protocol's shape, and its byte arrays are copied out, because the
 * channel deserializes them as views into one shared buffer of the message.
 */
import { isErrno } from '../contract';
import type { RepliesMessage } from './child-protocol';
import type { Outcome, Reply } from './kernel-port';
import type { PortError } from './port-errors';

/** Contract values are at most a few levels deep; deeper ones are passed on uncopied. */
const MAX_COPY_DEPTH = 8;

type Data = Record<string, unknown>;

function isData(value: unknown): value is Data {
  return typeof value === 'object' && value !== null;
}

function optionalString(value: unknown): value is string | undefined {
  return value === undefined || typeof value === 'string';
}

/** `value` with every Uint8Array in it (in arrays and plain objects) copied into its own buffer. */
function detach(value: unknown, depth = 0): unknown {
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (!isData(value) || depth >= MAX_COPY_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => detach(item, depth + 1));
  if (Object.getPrototypeOf(Object.getPrototypeOf(value)) !== null) return value;
  const copy: Data = {};
  for (const key of Object.keys(value)) copy[key] = detach(value[key], depth + 1);
  return copy;
}

function readPortError(error: unknown): PortError | undefined {
  if (!isData(error)) return undefined;
  const { kind, errno, detail, milestone, what, name, message, stack } = error;
  if (kind === 'socket' && typeof errno === 'string' && isErrno(errno) && optionalString(detail)) {
    return detail === undefined ? { kind, errno } : { kind, errno, detail };
  }
  // A kernel that did not load, as the process's loader words it.
  if (kind === 'lost' && typeof message === 'string') return { kind, message };
  if (kind === 'not-implemented' && typeof milestone === 'string' && typeof what === 'string' && optionalString(stack)) {
    return stack === undefined ? { kind, milestone, what } : { kind, milestone, what, stack };
  }
  if (kind === 'crash' && typeof name === 'string' && typeof message === 'string' && optionalString(stack)) {
    return stack === undefined ? { kind, name, message } : { kind, name, message, stack };
  }
  return undefined;
}

function readOutcome(outcome: unknown): Outcome | undefined {
  if (!isData(outcome)) return undefined;
  if (outcome.ok === true) return { ok: true, value: detach(outcome.value) };
  const error = outcome.ok === false ? readPortError(outcome.error) : undefined;
  return error && { ok: false, error };
}

/** One reply, with its packets copied out; undefined when it is not in the protocol's shape. */
function readReply(message: unknown): Reply | undefined {
  if (!isData(message)) return undefined;
  const { transmitted, nextDeadline } = message;
  if (!(nextDeadline === undefined || typeof nextDeadline === 'number')) return undefined;
  if (!Array.isArray(transmitted) || !transmitted.every((packet) => packet instanceof Uint8Array)) return undefined;
  const { took } = message;
  if (!(took === undefined || (Array.isArray(took) && took.every((bytes) => Number.isSafeInteger(bytes) && bytes > 0)))) return undefined;
  const outcome = readOutcome(message.outcome);
  if (!outcome) return undefined;
  const reply = { outcome, transmitted: transmitted.map((packet: Uint8Array) => new Uint8Array(packet)), nextDeadline };
  return took === undefined ? reply : { ...reply, took: [...(took as number[])] };
}

/** The replies `message` carries, or undefined when it is anything but a `replies` message. */
export function readReplies(message: unknown): RepliesMessage | undefined {
  if (!isData(message) || message.kind !== 'replies' || typeof message.first !== 'number' || !Array.isArray(message.replies)) return undefined;
  const replies = message.replies.map(readReply);
  return replies.every((reply) => reply !== undefined) ? { kind: 'replies', first: message.first, replies: replies as Reply[] } : undefined;
}
