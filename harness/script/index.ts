/**
 * The packet-script language: packetdrill-style scripts of exact protocol behaviour, parsed,
 * run on a backend (the simulator now; the Linux kernel over TUN later), and reported.
 * The language is described in README.md in this folder.
 */
export * from './ast';
export * from './backend';
export { ScriptSyntaxError, type Position } from './errors';
export { DEFAULT_OPTIONS, type ScriptOptions } from './options';
export { parseScript } from './parser';
export { payload } from './payload';
export { formatFailure, scriptReport, type ReportContext } from './report';
export type { Failure } from './failure';
export { runScriptFile, type FileResult, type FileRunOptions } from './run-file';
export { runScript, type ScriptRun } from './runner';
export { scriptTests } from './script-tests';
export { selectBackend, UsageError } from './select-backend';
export { simBackend } from './sim-backend';
