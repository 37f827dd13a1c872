/**
 * A demo's story in numbered scenes: each begins at a round virtual time with its title, and ends
 * with its packets and the notes a teacher would say about them. A scene between two hosts shows
 * its packets as a ladder; a crowd's scene, whose ladder would run for pages, counts them instead.
 */
import type { Narrator } from './narrator';
import type { Program } from './program';
import type { Wire } from './wire';

/** How a scene shows its packets: as a ladder, or counted by their TCP flags. */
export type WireView = 'ladder' | 'counts';

export class Scenes {
  /** Where the current scene's packets start in the trace. */
  private mark = 0;
  /** Whether the current scene's packets have been shown (if not, a failure shows them). */
  private shown = true;
  private view: WireView = 'ladder';

  constructor(
    private readonly narrator: Narrator,
    private readonly wire: Wire,
  ) {}

  /** Start scene `number` now. */
  heading(number: number, title: string, view: WireView = 'ladder'): void {
    this.narrator.line();
    this.narrator.line(`${number}. ${title}`);
    this.mark = this.wire.mark();
    this.shown = false;
    this.view = view;
  }

  /** Start scene `number` at `atMs` of virtual time, `program` waiting until then. */
  async begin(program: Program, atMs: number, number: number, title: string, view: WireView = 'ladder'): Promise<void> {
    await program.sleepUntil(atMs);
    this.heading(number, title, view);
  }

  /** The scene's packets. */
  end(): void {
    this.narrator.line('  on the wire:');
    this.narrator.line(this.packets());
    this.shown = true;
  }

  notes(...lines: string[]): void {
    for (const line of lines) this.narrator.line(`  ${line}`);
  }

  /** After a failure: the packets of the scene it interrupted, unless they were shown. */
  showUnfinished(): void {
    if (this.shown) return;
    this.narrator.line('  on the wire so far:');
    this.narrator.line(this.packets());
    this.narrator.line();
  }

  private packets(): string {
    return this.view === 'ladder' ? this.wire.ladderSince(this.mark) : `    ${this.wire.flagCountsSince(this.mark)}`;
  }
}
