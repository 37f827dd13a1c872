/** A syscall as a person reads it in a failure: `recv(fd 4, 100)`, `sendto(fd 3, <5 bytes>, 10.0.0.2:7)`. */
export function describeCall(method: string, args: readonly unknown[]): string {
  return `${method}(${args.map((arg, i) => describeArg(arg, i === 0 && method !== 'socket')).join(', ')})`;
}

function describeArg(arg: unknown, isFd: boolean): string {
  if (typeof arg === 'number') return isFd ? `fd ${arg}` : String(arg);
  if (arg instanceof Uint8Array) return `<${arg.length} bytes>`;
  if (typeof arg === 'object' && arg !== null && 'address' in arg && 'port' in arg) {
    return `${String(arg.address)}:${String(arg.port)}`;
  }
  return typeof arg === 'string' ? `'${arg}'` : String(arg);
}
