/** jest's `globalSetup` of a repository with the harness (a student's): the harness's skips, announced. */
import { announceSkips } from './announce-skips';
import { HARNESS_SKIPS } from './harness-skips';
import type { ProjectFolders } from './suite-files';

export default function globalSetup(_globalConfig: unknown, project: ProjectFolders): void {
  announceSkips(HARNESS_SKIPS, project);
}
