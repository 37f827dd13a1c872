#!/usr/bin/env node
// The `grader` command: runs the TypeScript CLI (grader/cli.ts) without a build step. Types are
// checked by `npm run typecheck`, so loading only transpiles.
require('ts-node').register({ transpileOnly: true, project: require('node:path').join(__dirname, '..', '..', 'tsconfig.json') });
require('../cli').runCli();
