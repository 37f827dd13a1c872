/**
 * Packet scripts: packetdrill-style scripts of exact protocol behaviour, parsed (language/),
 * run line by line (runner/) on a backend — a socklab stack on the simulator (simulator/) or
 * the Linux kernel over TUN (linux/) — and reported. This file is the one way in from outside;
 * the language is described in README.md in this folder.
 */
export * from './language/ast';
export * from './backend';
export { ScriptSyntaxError, type Position } from './language/errors';
export { DEFAULT_OPTIONS, type ScriptOptions } from './language/options';
export { parseScript } from './language/parser';
export { payload } from './language/payload';
export { formatFailure, scriptReport, type ReportContext } from './runner/report';
export type { Failure } from './runner/failure';
export { runScriptFile, type FileResult, type FileRunOptions } from './run-file';
export { runScript, type ScriptRun } from './runner/runner';
export { scriptTests } from './script-tests';
export { selectBackend } from './select-backend';
export { UsageError } from '../cli/flags';
export { simBackend } from './simulator/backend';
