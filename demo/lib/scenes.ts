/**
 * A demo's story in numbered scenes: each begins at a round virtual time with its title, and ends
 * with the ladder of its packets and the notes a teacher would say about them.
 */
import type { Narrator } from './narrator';
import type { Program } from './program';
import type { Wire } from './wire';

export class Scenes {
  /** Where the current scene's packets start in the trace. */
  private mark = 0;
  /** Whether the current scene's ladder has been shown (if not, a failure shows it). */
  private shown = true;

  constructor(
    private readonly narrator: Narrator,
    private readonly wire: Wire,
  ) {}

  /** Start scene `number` now. */
  heading(number: number, title: string): void {
    this.narrator.line();
    this.narrator.line(`${number}. ${title}`);
    this.mark = this.wire.mark();
    this.shown = false;
  }

  /** Start scene `number` at `atMs` of virtual time, `program` waiting until then. */
  async begin(program: Program, atMs: number, number: number, title: string): Promise<void> {
    await program.sleepUntil(atMs);
    this.heading(number, title);
  }

  /** The scene's packets. */
  end(): void {
    this.narrator.line('  on the wire:');
    this.narrator.line(this.wire.ladderSince(this.mark));
    this.shown = true;
  }

  notes(...lines: string[]): void {
    for (const line of lines) this.narrator.line(`  ${line}`);
  }

  /** After a failure: the packets of the scene it interrupted, unless they were shown. */
  showUnfinished(): void {
    if (this.shown) return;
    this.narrator.line('  on the wire so far:');
    this.narrator.line(this.wire.ladderSince(this.mark));
    this.narrator.line();
  }
}
