/**
 * The stacks of a simulator demo, loaded: the server's (`--stack`) and the clients'
 * (`--client-stack`). One that does not load is told in the loader's words (where it looked).
 */
import * as fs from 'node:fs';
import type { CreateKernel } from '../../harness/contract';
import { loadSubmission, submissionDir } from '../../harness/loader';
import type { DemoIo } from './io';
import type { DemoOptions } from './options';

export interface Stacks {
  readonly server: CreateKernel;
  readonly client: CreateKernel;
}

/** Load both stacks; undefined, with the reason printed, when one does not load. */
export function loadStacks(options: DemoOptions, io: DemoIo): Stacks | undefined {
  try {
    return { server: loadSubmission(options.stack).createKernel, client: loadSubmission(options.clientStack).createKernel };
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    if (!fs.existsSync(submissionDir('reference'))) {
      io.err('This repository has no reference stack: run the demo on yours, the default (no --stack, no --client-stack).');
    }
    return undefined;
  }
}
