import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const webDir = fileURLToPath(new URL('.', import.meta.url));
const repositoryDir = join(webDir, '..', '..');

/**
 * Records every file of the repository that went into the bundle (the zod schemas of schema/
 * and the slices included), so the server can tell when the build is older than its sources.
 */
function recordSources(): Plugin {
  return {
    name: 'ccag-record-sources',
    apply: 'build',
    writeBundle(options) {
      const files = [...this.getModuleIds()]
        .filter((id) => id.startsWith(repositoryDir) && !id.includes('/node_modules/') && !id.includes('\0'))
        .map((id) => relative(repositoryDir, id.split('?')[0]!));
      writeFileSync(
        join(options.dir ?? join(webDir, 'dist'), '.sources.json'),
        JSON.stringify({ files: [...new Set(files)].sort() }, null, 1),
      );
    },
  };
}

export default defineConfig({
  root: webDir,
  base: '/',
  plugins: [react(), recordSources()],
  build: {
    outDir: join(webDir, 'dist'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      input: { main: join(webDir, 'index.html'), graphiql: join(webDir, 'graphiql.html') },
    },
  },
});
