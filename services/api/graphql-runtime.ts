import { createRequire } from 'node:module';

/**
 * The graphql that mercurius validates and executes with. graphql checks types with
 * instanceof, so rules and errors the register hands mercurius must come from that same copy.
 * mercurius require()s the package's CommonJS build; a test runner that resolves
 * `import 'graphql'` to its ES module build (index.mjs) would give us a second copy, so this
 * module requires it as mercurius does. The server's bundle (services/start/build-server.mjs)
 * replaces this module with a plain import of the one copy bundled for both.
 */
export const graphqlRuntime = createRequire(import.meta.url)('graphql') as typeof import('graphql');
