/**
 * `npm run build`'s second step: copies what the compiled code reads at run time but tsc does not
 * emit into the output folder, so `node dist/src/main.js` needs only dist/, node_modules,
 * package.json and the directory file.
 *
 *   tsx scripts/copy-assets.ts [outDir]    default dist
 *
 * Today that is the Lua scripts (src/store/lua, includes/ too), read by src/store/scripts.ts from
 * the folder next to it.
 */
import { cpSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Folders under the repository root copied to the same place under the output folder. */
export const RUNTIME_ASSETS = ['src/store/lua'];

export function copyAssets(outDir: string, root = resolve(__dirname, '..')): void {
  for (const folder of RUNTIME_ASSETS) {
    const target = join(outDir, folder);
    rmSync(target, { recursive: true, force: true });
    cpSync(join(root, folder), target, { recursive: true });
  }
}

if (require.main === module) copyAssets(resolve(process.argv[2] ?? 'dist'));
