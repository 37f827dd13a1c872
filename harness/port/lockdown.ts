/**
 * What Node 20's permission model leaves open that a stack under test must not have. The model
 * guards the file system, child processes, workers, WASI, the inspector and native addons, but
 * not signals: `process.kill(process.ppid)` would stop the judge, or another student's grading.
 */

function denied(): never {
  throw Object.assign(new Error('Access to this API has been restricted: a stack under test may not signal processes'), {
    code: 'ERR_ACCESS_DENIED',
  });
}

/** Take signalling away. Called before the submission loads, so that it never sees the originals. */
export function lockdown(): void {
  process.kill = denied;
  // process.kill is a wrapper: the binding it calls is reachable as process._kill.
  Reflect.set(process, '_kill', denied);
}
