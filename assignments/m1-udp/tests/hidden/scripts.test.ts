/** Milestone 1's hidden packet scripts: the same behaviours with other values, and edge cases. */
import * as path from 'node:path';
import { scriptTests } from '../../../../harness/script';

scriptTests(path.join(__dirname, 'scripts'));
