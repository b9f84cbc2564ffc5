#!/usr/bin/env node
// `npm start`, in one process: installs on a fresh clone (npm ci when node_modules is missing),
// compiles the server when its build is missing or older than its sources, then runs the
// compiled server (dist/server.mjs), which builds the web app first when that is stale.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import module from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureServerBuild, repositoryDir, serverBundle } from './build-server.mjs';

if (!existsSync(join(repositoryDir, 'node_modules', '.package-lock.json'))) {
  console.error('Installing the dependencies (npm ci): the first start only');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: repositoryDir, stdio: 'inherit' });
}
await ensureServerBuild();
// Node 22.1 and later keep V8's compiled code of the bundle between starts (compiling it is a
// fifth of a start); Node 20 has no such cache and compiles it every time.
module.enableCompileCache?.(join(repositoryDir, 'dist', 'compile-cache'));
await import(pathToFileURL(serverBundle).href);
