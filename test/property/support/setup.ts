import fc from 'fast-check';
import { globalParameters, settings } from './fc-config.js';

// vitest setupFiles: runs in every test worker before any test file is imported, so
// properties and @fast-check/vitest's test.prop (which reads the global seed when a test is
// declared) all see the same configuration.
fc.configureGlobal(globalParameters(settings));
