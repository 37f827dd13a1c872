/**
 * How a simulator demo is played: the server starts, the story is told once the server waits for
 * clients (not at all if the server failed first), and the finale ends the run.
 */
import type { Simulator } from '../../harness/sim/simulator';
import { deferred } from './deferred';
import { Failures } from './failures';
import { finale, type CountedHost, type CounterFamily } from './finale';
import type { Narrator } from './narrator';
import type { DemoOptions } from './options';
import type { Scenes } from './scenes';
import type { Wire } from './wire';

/** What a demo is played with. */
export interface Setting {
  readonly options: DemoOptions;
  readonly sim: Simulator;
  readonly narrator: Narrator;
  readonly wire: Wire;
  readonly scenes: Scenes;
}

/** The parts of the play: the server (which calls its argument once it waits for clients), the story, and whose counters end it. */
export interface Parts {
  readonly serve: (onListening: () => void) => Promise<void>;
  readonly tell: () => Promise<void>;
  readonly counters: CounterFamily;
  readonly hosts: readonly CountedHost[];
}

/** Play the demo; returns the exit status. */
export async function perform(setting: Setting, parts: Parts): Promise<number> {
  const { options } = setting;
  const failures = new Failures(options, setting.sim);
  const listening = deferred();
  const serverDone = parts.serve(listening.resolve).catch((error: unknown) => {
    failures.add(error, options.stack);
    listening.reject(error);
  });
  const storyDone = listening.promise.then(
    () => parts.tell().catch((error: unknown) => failures.add(error, options.clientStack)),
    () => undefined, // the server failed before it listened: the story never starts
  );
  await Promise.all([serverDone, storyDone]);
  return finale({ ...setting, failures }, parts.counters, parts.hosts);
}
