#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, which also lets `smarthome-sim run ./my-scenario.ts`
// import a user's TypeScript scenario without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../simulator/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
