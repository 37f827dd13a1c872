/**
 * The "Exit status:" section that ends every command's --help. A command's exit codes are part of
 * its interface (CI and scripts branch on them), so every command lists them, in the same shape.
 * Here in the harness, not in scripts/, because a student repository vendors the harness and its
 * `npm run script` prints this section too.
 */

/** What each exit code of a command means. */
export type ExitStatuses = Readonly<Record<number, string>>;

/** `Exit status:` and one line per code, in increasing order; starts with a blank line to follow the options. */
export function exitStatusHelp(statuses: ExitStatuses): string {
  const lines = Object.entries(statuses).map(([code, meaning]) => `  ${code}  ${meaning}`);
  return ['', 'Exit status:', ...lines].join('\n');
}

/** Every command's exit status for a command line it does not understand. */
export const USAGE_ERROR = 2;

/**
 * For commander's `exitOverride`: a command line commander rejects exits with {@link USAGE_ERROR},
 * not commander's 1, which our commands keep for "it ran and found a problem"; --help still exits 0.
 * Typed by shape, not by commander's class, so that the vendored harness does not need commander.
 */
export function exitOnUsageError(error: { readonly exitCode: number }): never {
  process.exit(error.exitCode === 0 ? 0 : USAGE_ERROR);
}

/**
 * For the promise of a command's run: an error it throws is printed as its message alone (the
 * stack would only show our own code) and the command exits with `status`.
 */
export function exitWithMessage(status: number): (error: unknown) => void {
  return (error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = status;
  };
}
