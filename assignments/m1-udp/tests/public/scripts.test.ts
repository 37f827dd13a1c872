/** Milestone 1's public packet scripts: one test per `.pkt` file in scripts/, named after it. */
import * as path from 'node:path';
import { scriptTests } from '../../../../harness/script';

scriptTests(path.join(__dirname, 'scripts'));
