/**
 * Where a demo writes. The command line prints to the terminal; tests collect the lines.
 */

/** A demo's output: `out` for the story, `err` for usage errors. */
export interface DemoIo {
  out(line: string): void;
  err(line: string): void;
}

/** The terminal. */
export const consoleIo: DemoIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

/** An io that keeps every line, for tests: `lines` in order, `text` joined. */
export function collectIo(): DemoIo & { readonly lines: string[]; readonly text: () => string } {
  const lines: string[] = [];
  return {
    lines,
    text: () => lines.join('\n'),
    out: (line) => void lines.push(line),
    err: (line) => void lines.push(line),
  };
}

/** One demo: what `npm run demo -- NAME` runs. `main` returns the exit status. */
export interface Demo {
  readonly name: string;
  /** One line for the list of demos. */
  readonly summary: string;
  main(args: readonly string[], io?: DemoIo): Promise<number>;
}

/** The demo called `name`, whose `main` runs `run` and returns its exit status. */
export function demo(name: string, summary: string, run: (args: readonly string[], io: DemoIo) => Promise<{ readonly status: number }>): Demo {
  return { name, summary, main: async (args, io = consoleIo) => (await run(args, io)).status };
}
