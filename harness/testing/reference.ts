/**
 * Whether this copy of socklab has the reference stack: the demos' tests run on it, and skip
 * without it (copies handed to students may have none); the start of a run says so
 * (global-setup.ts).
 */
import * as fs from 'node:fs';
import { submissionDir } from '../loader';

export const HAS_REFERENCE = fs.existsSync(submissionDir('reference'));

export const REFERENCE_MISSING = 'no reference stack in this copy';
