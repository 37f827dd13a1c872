/**
 * Values made once per process rather than once per module instance. Jest gives every test file
 * modules of its own, so a module-level variable is made again for each file; Node's core modules
 * it does not copy, so a value hung on one of their classes lasts for the worker's whole life.
 */
import { ChildProcess } from 'node:child_process';

type Holder = Record<symbol, unknown>;

/** The value kept under `key` in this process, made by `make` the first time it is asked for. */
export function processWide<T>(key: string, make: () => T): T {
  const holder = ChildProcess as unknown as Holder;
  const name = Symbol.for(`socklab.${key}`);
  if (!(name in holder)) holder[name] = make();
  return holder[name] as T;
}
