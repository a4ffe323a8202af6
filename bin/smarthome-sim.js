#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm install`'s prepare step), so a call starts in
// plain Node without compiling TypeScript. TypeScript support (tsx) and the module hooks for
// users' scenario files are registered only when a scenario file is loaded
// (simulator/cli/user-file-loader.ts).
//
// `smarthome-sim list | head` closes stdout early; that is no failure of the run, which goes on
// (and still writes its report files) without a stack trace.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});
let main;
try {
  ({ main } = await import('../dist/simulator/cli/main.js'));
} catch (error) {
  if (error.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('/dist/')) throw error;
  console.error('smarthome-sim: the compiled CLI is missing (dist/); run `npm run build` (npm install does it)');
  process.exit(1);
}
process.exitCode = await main(process.argv.slice(2));
