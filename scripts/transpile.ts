/**
 * What `tsc -p tsconfig.build.json` emits, without the type check (which `npm test` does anyway):
 * each .ts file transpiled with the build's compiler options into `<out>/dist/<same path>.js`. Used
 * by the standalone-build test (the image's contents start alone) and bench/rss.ts (the compiled bot
 * against the echo bot), where a full tsc run would only cost time.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '..');

function sourceFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return path.endsWith('.ts') ? [path] : [];
  return readdirSync(path, { withFileTypes: true }).flatMap((e) => sourceFiles(join(path, e.name)));
}

/** `entries` (folders or .ts files, relative to the repository root) → `<out>/dist/…/*.js`. */
export function transpileInto(out: string, entries: readonly string[] = ['src'], root = ROOT): void {
  const configPath = join(root, 'tsconfig.build.json');
  const parsed = ts.parseJsonConfigFileContent(
    ts.readConfigFile(configPath, (file) => ts.sys.readFile(file)).config,
    ts.sys,
    root,
  );
  for (const file of entries.flatMap((e) => sourceFiles(join(root, e)))) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: { ...parsed.options, sourceMap: false },
      fileName: file,
    });
    const target = join(out, 'dist', relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
}
