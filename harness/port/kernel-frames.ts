/**
 * The stack an error re-created on the harness's side shows. An error thrown by the stack under
 * test crosses the port as data, so the error the test sees is made in harness/port/ and jest's
 * code frame and first "at" line would point there. Putting the kernel's own frames on top makes
 * them point at the student's file and line; the harness's frames follow, to show which call of
 * the test it was. Only the text changes: no object of the kernel's crosses.
 */
import * as path from 'node:path';

/**
 * A frame in a file of this folder (not of a folder in it, such as its tests'): where the
 * kernel's frames end and the port's begin, on either side of a port.
 */
const PORT_FRAME = new RegExp(`${escapeRegExp(`${__dirname}${path.sep}`)}[^${escapeRegExp(path.sep)}():]+:\\d+`);

/** A line of a V8 stack that names a frame. */
const FRAME = /^\s+at /;

/**
 * Give `error` a stack of the kernel's frames (those of `kernelStack` above its first frame in
 * harness/port/) over `error`'s own frames. Its own frames start in harness/port/, where it was
 * made, so that an error made again from this one (a crash of receive() restated by the host)
 * finds the kernel's frames the same way. Without kernel frames (a kernel in a process whose
 * paths differ, a stack of no frames), `error` keeps its stack.
 */
export function withKernelFrames<E extends Error>(error: E, kernelStack: string | undefined): E {
  const kernel = framesAbovePort(kernelStack ?? '');
  if (kernel.length === 0) return error;
  error.stack = [`${error.name}: ${error.message}`, ...kernel, ...framesOf(error.stack ?? '')].join('\n');
  return error;
}

/** The leading frames of `stack` before its first frame in harness/port/: none if it has none there. */
function framesAbovePort(stack: string): string[] {
  const frames = framesOf(stack);
  const port = frames.findIndex(inPort);
  return port < 0 ? [] : frames.slice(0, port);
}

function framesOf(stack: string): string[] {
  return stack.split('\n').filter((line) => FRAME.test(line));
}

function inPort(frame: string): boolean {
  return PORT_FRAME.test(frame);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
