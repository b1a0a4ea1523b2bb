import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of Headstamp's package.json, found from this module upwards. Files read at run time
 * (the SQL migrations, the built web application) are found from it: the same code runs from
 * `src/` (tests, tsx) and bundled from `dist/cli-…/` (the command line, scripts/build-cli.js),
 * so a path relative to the module would hold in one and not the other.
 */
function findPackageRoot(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

export const packageRoot = findPackageRoot();
