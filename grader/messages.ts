/**
 * The evidence files a failure message names. A message comes from code the submission controls
 * (the harness's message-text.ts makes it plain text of bounded size), so it is treated as data:
 * only paths under `artifacts/` are believed.
 */

/**
 * The evidence files a message names, in `pcap:   artifacts/….pcapng`, `graph:   ….time-sequence.svg`
 * (harness/checks/evidence.ts) and `cwnd plot:    ….cwnd.svg` lines (m4's cwnd-plot.ts).
 * Only relative paths inside `artifacts/` count: a message a submission forged cannot point an
 * instructor's tools at `/etc/passwd`.
 */
export function artifactsIn(message: string): string[] {
  const found = [...message.matchAll(/^\s*(?:pcap|graph|cwnd plot):\s+(\S+)/gm)].map((match) => match[1] ?? '');
  return [...new Set(found.filter((file) => file.startsWith('artifacts/') && !file.split('/').includes('..')))];
}

/**
 * The first non-empty line of a message (what a summary shows). A plain `Error: ` before it is
 * left out: it is how jest prints every failed expect and says nothing of what broke; a named
 * error (`KernelCrash: `, `PacketMismatch: `) keeps its name, which does.
 */
export function firstLine(message: string): string {
  const line = message.split('\n').find((text) => text.trim() !== '')?.trim() ?? '';
  return line.replace(/^Error: /, '');
}
