/** A promise with its resolve and reject at hand, for one program to tell another it is ready. */

export interface Deferred {
  readonly promise: Promise<void>;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** A deferred promise; settling it twice is harmless. */
export function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Nobody may be waiting for it (the server failed after the client started): no unhandled rejection.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
