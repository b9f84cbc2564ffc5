#!/usr/bin/env node
// `npm start`, in one process: installs on a fresh clone (npm ci when node_modules is missing),
// compiles the server when its build is missing or older than its sources, then runs the
// compiled server (dist/server.cjs, with its compiled code kept between starts), which builds
// the web app first when that is stale.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureServerBuild, repositoryDir, serverBundle } from './build-server.mjs';
import { runServerBundle } from './run-bundle.mjs';

if (!existsSync(join(repositoryDir, 'node_modules', '.package-lock.json'))) {
  console.error('Installing the dependencies (npm ci): the first start only');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: repositoryDir, stdio: 'inherit' });
}
await ensureServerBuild();
runServerBundle(serverBundle);
