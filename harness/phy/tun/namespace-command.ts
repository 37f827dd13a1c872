/**
 * How a process gets a network namespace of its own: `unshare --net` as root; otherwise inside a
 * new user namespace where the user is root (`unshare --user --map-root-user --net`, i.e.
 * `unshare -rn`), which unprivileged users may make where the kernel allows user namespaces.
 * `unshare` execs the command, so the command's process is `unshare`'s own: its parent is the
 * harness, and it is the namespace's only process — until a person or a test enters it with
 * `nsenter` to run a command there.
 */

/** Whether this process runs as root. */
export function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

/** The `unshare` arguments that put the command that follows in a fresh network namespace. */
export function unshareArgs(): string[] {
  return runningAsRoot() ? ['--net'] : ['--user', '--map-root-user', '--net'];
}

/**
 * The PATH for the namespace's commands: the caller's, then where `ip` lives on Debian and others
 * (an unprivileged user's PATH often lacks the sbin folders).
 */
export function commandPath(): string {
  return [process.env.PATH, '/usr/local/sbin', '/usr/sbin', '/sbin', '/usr/bin', '/bin'].filter((part) => part !== undefined && part !== '').join(':');
}

/**
 * The `nsenter` arguments that run a command in the network namespace of the process `pid` (an
 * agent). Rootless, the namespace belongs to the agent's user namespace, which must be entered
 * first — keeping the user's own ids: that user namespace forbids setgroups(2), which nsenter
 * would otherwise call.
 */
export function nsenterArgs(pid: number): string[] {
  const net = `--net=/proc/${pid}/ns/net`;
  return runningAsRoot() ? [net] : ['--preserve-credentials', `--user=/proc/${pid}/ns/user`, net];
}
