// @ts-expect-error -- plain JavaScript without types (scripts/ runs before anything is compiled)
import { buildIfStale } from '../../scripts/build-if-stale.mjs';

/**
 * vitest globalSetup: the CLI tests spawn bin/smarthome-sim.js, which runs the compiled dist/.
 * A dist/ older than any source would test yesterday's code, so it is rebuilt first.
 */
export function setup(): void {
  (buildIfStale as () => boolean)();
}
