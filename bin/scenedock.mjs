#!/usr/bin/env node
// Entry shell: load the TypeScript sources through tsx and hand over to the CLI.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../main/cli/runCli.ts');
process.exitCode = await runCli(process.argv.slice(2));
