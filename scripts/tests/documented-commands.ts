/**
 * The commands a document tells its reader to type: every line of its ```sh blocks. Commands with
 * placeholders (`tshark -r FILE`) belong in ```text blocks, so that every ```sh line can be run as
 * written.
 */

/**
 * The command lines of the ```sh blocks of `markdown`, in order, without their comments (a `#`
 * after a space, as the documents write them: none is inside a quoted word) and without blank or
 * comment-only lines.
 */
export function documentedCommands(markdown: string): string[] {
  const commands: string[] = [];
  let inShell = false;
  for (const line of markdown.split('\n')) {
    const fence = /^\s*```(\w*)/.exec(line);
    if (fence) {
      inShell = !inShell && fence[1] === 'sh';
      continue;
    }
    const command = line.replace(/(^|\s)#.*$/, '').trim();
    if (inShell && command !== '') commands.push(command);
  }
  return commands;
}
