import { register as registerHooks } from 'node:module';

let registered = false;

/**
 * Makes `import()` of a user's scenario file work from anywhere: tsx for TypeScript, then this
 * package's module hooks (user-scenario-hooks.mjs says what they do). Registered on the first
 * scenario file only, so every other CLI call starts without them: tsx alone costs about a
 * second of start-up. The hooks are registered after tsx so they run first.
 */
export async function registerUserFileLoader(): Promise<void> {
  if (registered) return;
  registered = true;
  const { register } = await import('tsx/esm/api');
  register();
  // The package root through its own "exports", the same from sources and from dist/.
  const packageJsonUrl = import.meta.resolve('smarthome-sim/package.json');
  registerHooks(new URL('simulator/cli/user-scenario-hooks.mjs', packageJsonUrl).href);
}
