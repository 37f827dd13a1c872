/**
 * What a syscall's return value measures, said with it: `recvfrom returned 5 bytes, expected 7
 * bytes`, `socket returned fd 4, expected fd 3`. A bare `returned 5, expected 7` left the student to
 * remember what each call returns.
 */

/** By the script's name of each call that returns a count or an fd. */
const UNITS: Readonly<Record<string, (n: number) => string>> = {
  read: bytes,
  write: bytes,
  recv: bytes,
  send: bytes,
  recvfrom: bytes,
  sendto: bytes,
  socket: (n) => `fd ${n}`,
  accept: (n) => `fd ${n}`,
  epoll_create: (n) => `fd ${n}`,
  poll: (n) => `${n} ${n === 1 ? 'fd' : 'fds'} ready`,
  epoll_wait: (n) => `${n} ${n === 1 ? 'event' : 'events'}`,
};

function bytes(n: number): string {
  return `${n} ${n === 1 ? 'byte' : 'bytes'}`;
}

/** `returned` (`5`, `-1 EAGAIN`, as a script writes it) with what a non-negative value of `call` measures. */
export function withUnit(call: string, returned: string): string {
  const unit = UNITS[call];
  return unit && /^\d+$/.test(returned) ? unit(Number(returned)) : returned;
}
