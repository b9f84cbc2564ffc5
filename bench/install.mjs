// `npm run bench` runs this first: the bench has its own package (bench/package.json), so the
// register's own `npm ci` never compiles sqlite3 for the Emmett comparison. Installs it on
// first use, and again when bench/package-lock.json has changed since.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bench = dirname(fileURLToPath(import.meta.url));
const installed = join(bench, 'node_modules', '.package-lock.json');
// `npm ci --ignore-scripts` (CI's type check of the bench) installs the code without this.
const sqliteBinding = join(bench, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');

const upToDate =
  existsSync(installed) && existsSync(sqliteBinding) && statSync(installed).mtimeMs >= statSync(join(bench, 'package-lock.json')).mtimeMs;

if (!upToDate) {
  console.error(
    'bench: installing its own dependencies from bench/package-lock.json (the first time this compiles sqlite3: several minutes)',
  );
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: bench, stdio: 'inherit' });
}
