/**
 * Changing a thrown error's message after the fact. jest prints an error's stack, which starts with
 * the message; V8 writes that text once, when the stack is first read, so a message changed after
 * anyone read the stack (a failure's first line names its check by reading the stack) would not
 * show. The stack is rewritten with it.
 */
export function setMessage(error: Error, message: string): void {
  const stack = error.stack ?? '';
  const frames = stack.search(/\n\s+at /);
  error.message = message;
  error.stack = `${error.name}: ${message}${frames < 0 ? '' : stack.slice(frames)}`;
}
