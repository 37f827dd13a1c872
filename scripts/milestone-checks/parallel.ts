/** Running asynchronous jobs a few at a time: child jests, one per core. */
import * as os from 'node:os';

/** How many child processes to run side by side. */
export const CORES = Math.max(1, os.availableParallelism());

/** `job` over every item, at most `limit` at once; results in the order of `items`. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, job: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await job(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
