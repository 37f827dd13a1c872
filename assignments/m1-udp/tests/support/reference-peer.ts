/**
 * The reference stack as the other host of a hidden end-to-end test. Hidden tests never reach
 * students, so they may use it; a test never puts the reference against itself (that would hide
 * symmetric bugs), which is why it is only ever the peer of the stack under test.
 */
import type { CreateKernel } from '../../../../harness/contract';
import { loadSubmission } from '../../../../harness/loader';

export function referenceKernel(): CreateKernel {
  return loadSubmission('reference').createKernel;
}
