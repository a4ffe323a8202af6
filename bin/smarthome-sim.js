#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, which also lets `smarthome-sim run ./my-scenario.ts`
// import a user's TypeScript scenario without a build step.
import { register as registerHooks } from 'node:module';
import { register } from 'tsx/esm/api';

register();
// Registered after tsx, so it runs first: a scenario file anywhere can import 'smarthome-sim'
// and loads as an ES module (simulator/cli/user-scenario-hooks.mjs says why).
registerHooks('../simulator/cli/user-scenario-hooks.mjs', import.meta.url);
// `smarthome-sim list | head` closes stdout early; that is no failure of the run, which goes on
// (and still writes its report files) without a stack trace.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});
const { main } = await import('../simulator/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
