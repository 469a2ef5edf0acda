/**
 * What the container image holds in /app — one list, read by the Dockerfile's test (its runtime
 * stage copies exactly these from the build stage) and by the standalone-build test (which lays out
 * exactly these plus the production dependencies and starts the image's CMD from them). No
 * container engine runs on the build machines; this is how the image's contents are proven to start.
 */

/** Copied from the build stage, paths relative to /app (the working directory of the image). */
export const IMAGE_FILES = ['dist', 'config/directory.example.json'] as const;

/** Installed in the image's own stage with `npm ci --omit=dev`: packages the lock file does not mark dev-only. */
export const IMAGE_DEPENDENCIES = 'node_modules';

/** The lock file's production packages (top-level paths `node_modules/<name>`), what `npm ci --omit=dev` installs. */
export function productionPackages(lock: {
  packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
}): string[] {
  return Object.entries(lock.packages)
    .filter(([path, p]) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(path) && !p.dev && !p.devOptional)
    .map(([path]) => path.slice('node_modules/'.length))
    .sort();
}
