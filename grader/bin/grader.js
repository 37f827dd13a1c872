#!/usr/bin/env node
// The `grader` command: runs the TypeScript CLI (grader/cli.ts) without a build step. Types are
// checked by `npm run typecheck`, so loading only transpiles.
require('../../harness/typescript/register');
require('../cli').runCli();
