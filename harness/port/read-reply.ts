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

/**
 * More elements than any message of replies holds, counting every array's length (its replies,
 * their packets, the values returned). A sparse array costs nothing to send whatever its length,
 * but walking one of length 2^32 − 1 held the judge's process, and with it the watchdog and jest's
 * timeout, until the milestone's wall-time limit. The bound is the message's, not each array's:
 * many arrays each under it would add up to the same hold.
 */
export const MAX_REPLY_ELEMENTS = 1 << 22;

/** What is left of a message's {@link MAX_REPLY_ELEMENTS}. */
interface Budget {
  left: number;
}

/** What {@link detach} gives for a value with more than {@link MAX_REPLY_ELEMENTS} elements. */
const TOO_LARGE = Symbol('too large');

type Data = Record<string, unknown>;

function isData(value: unknown): value is Data {
  return typeof value === 'object' && value !== null;
}

function optionalString(value: unknown): value is string | undefined {
  return value === undefined || typeof value === 'string';
}

/**
 * `value` with every Uint8Array in it (in arrays and plain objects) copied into its own buffer;
 * {@link TOO_LARGE} once its arrays and objects hold more elements than `budget.left`.
 */
function detach(value: unknown, budget: Budget, depth = 0): unknown {
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (!isData(value) || depth >= MAX_COPY_DEPTH) return value;
  if (Array.isArray(value)) {
    budget.left -= value.length;
    if (budget.left < 0) return TOO_LARGE;
    const copy: unknown[] = [];
    for (const item of value) {
      const detached = detach(item, budget, depth + 1);
      if (detached === TOO_LARGE) return TOO_LARGE;
      copy.push(detached);
    }
    return copy;
  }
  if (Object.getPrototypeOf(Object.getPrototypeOf(value)) !== null) return value;
  const keys = Object.keys(value);
  budget.left -= keys.length;
  if (budget.left < 0) return TOO_LARGE;
  const copy: Data = {};
  for (const key of keys) {
    const detached = detach(value[key], budget, depth + 1);
    if (detached === TOO_LARGE) return TOO_LARGE;
    copy[key] = detached;
  }
  return copy;
}

/** Whether `value` is an array the budget can pay the walk of; if so, it is paid. */
function isPaidArray(value: unknown, budget: Budget): value is unknown[] {
  if (!Array.isArray(value)) return false;
  budget.left -= value.length;
  return budget.left >= 0;
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

function readOutcome(outcome: unknown, budget: Budget): Outcome | undefined {
  if (!isData(outcome)) return undefined;
  if (outcome.ok === true) {
    const value = detach(outcome.value, budget);
    if (value !== TOO_LARGE) return { ok: true, value };
    const message = `the value returned takes its batch of replies past ${MAX_REPLY_ELEMENTS} elements (counting array lengths): no reply of the contract is that large`;
    return { ok: false, error: { kind: 'crash', name: 'RangeError', message } };
  }
  const error = outcome.ok === false ? readPortError(outcome.error) : undefined;
  return error && { ok: false, error };
}

/** One reply, with its packets copied out; undefined when it is not in the protocol's shape. */
function readReply(message: unknown, budget: Budget): Reply | undefined {
  if (!isData(message)) return undefined;
  const { transmitted, nextDeadline } = message;
  if (!(nextDeadline === undefined || typeof nextDeadline === 'number')) return undefined;
  if (!isPaidArray(transmitted, budget) || !transmitted.every((packet) => packet instanceof Uint8Array)) return undefined;
  const { took } = message;
  if (!(took === undefined || (isPaidArray(took, budget) && took.every((bytes) => typeof bytes === 'number' && Number.isSafeInteger(bytes) && bytes > 0)))) return undefined;
  const outcome = readOutcome(message.outcome, budget);
  if (!outcome) return undefined;
  const reply = { outcome, transmitted: transmitted.map((packet: Uint8Array) => new Uint8Array(packet)), nextDeadline };
  return took === undefined ? reply : { ...reply, took: [...(took as number[])] };
}

/** The replies `message` carries, or undefined when it is anything but a `replies` message. */
export function readReplies(message: unknown): RepliesMessage | undefined {
  const budget: Budget = { left: MAX_REPLY_ELEMENTS };
  if (!isData(message) || message.kind !== 'replies' || typeof message.first !== 'number' || !isPaidArray(message.replies, budget)) return undefined;
  const replies = message.replies.map((reply) => readReply(reply, budget));
  return replies.every((reply) => reply !== undefined) ? { kind: 'replies', first: message.first, replies: replies as Reply[] } : undefined;
}
