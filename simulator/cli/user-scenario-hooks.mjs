// Node module hooks (module.register) for users' scenario files, which may live anywhere.
// Plain JavaScript: hooks run on Node's loader thread, before any TypeScript support exists there.
//
// 1. `smarthome-sim` and `smarthome-sim/*` resolve to this package's own "exports" from any
//    directory, as if the package were installed next to the file.
// 2. A bare import that cannot be found next to the user's file (`zod`) falls back to this
//    package's own dependencies, so a copied built-in scenario runs unchanged apart from its
//    `smarthome-sim` import.
// 3. A `.ts` file outside any ESM package (no package.json with "type": "module") loads as an
//    ES module anyway: scenario files use `import`/`export`, and read as CommonJS they fail
//    with "Cannot require() ES Module … in a cycle".
import { readFileSync } from 'node:fs';

const PACKAGE_JSON_URL = new URL('../../package.json', import.meta.url);
const PACKAGE_ROOT_URL = new URL('../../', import.meta.url).href;
const packageJson = JSON.parse(readFileSync(PACKAGE_JSON_URL, 'utf8'));
const PACKAGE_NAME = packageJson.name;
const OWN_DEPENDENCIES = new Set(Object.keys(packageJson.dependencies ?? {}));

function isOwnName(specifier) {
  return specifier === PACKAGE_NAME || specifier.startsWith(`${PACKAGE_NAME}/`);
}

/** The package name of a bare specifier (`zod/v4` → `zod`, `@scope/x/y` → `@scope/x`). */
function packageNameOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function isBare(specifier) {
  return !/^(\.{0,2}\/|[a-z][a-z0-9+.-]*:)/i.test(specifier);
}

function isUserFile(url) {
  return url.startsWith('file:') && !url.startsWith(PACKAGE_ROOT_URL) && !url.includes('/node_modules/');
}

export async function resolve(specifier, context, nextResolve) {
  // Resolving from this package's package.json makes Node apply its "exports" (self-reference).
  if (isOwnName(specifier)) return nextResolve(specifier, { ...context, parentURL: PACKAGE_JSON_URL.href });
  let resolved;
  try {
    resolved = await nextResolve(specifier, context);
  } catch (error) {
    const parent = context.parentURL ?? '';
    if (!isBare(specifier) || !OWN_DEPENDENCIES.has(packageNameOf(specifier)) || !isUserFile(parent)) throw error;
    return nextResolve(specifier, { ...context, parentURL: PACKAGE_JSON_URL.href });
  }
  if (isUserFile(resolved.url) && /\.m?ts$/.test(new URL(resolved.url).pathname) && resolved.format !== 'module') {
    return { ...resolved, format: 'module' };
  }
  return resolved;
}
