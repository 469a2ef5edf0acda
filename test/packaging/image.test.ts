/**
 * The Dockerfile and compose.yaml say what docs/deployment.md promises: a multi-stage build on
 * Node 22 slim, a runtime stage that holds exactly scripts/image-files.ts' list (the list the
 * standalone-build test starts from) plus production dependencies, a non-root user, a HEALTHCHECK on
 * /healthz; Redis with AOF on a volume next to the bot. No container engine runs here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMAGE_DEPENDENCIES, IMAGE_FILES } from '../../scripts/image-files';
import { execForm, parseDockerfile } from './dockerfile';

const ROOT = join(__dirname, '../..');
const stages = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const runtime = stages.at(-1)!;
const args = (keyword: string) => runtime.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);

describe('Dockerfile', () => {
  it('builds in stages on Node 22 slim', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const s of stages) expect(s.from).toMatch(/^node:22(\.\d+)*(-bookworm)?-slim(@sha256:[0-9a-f]+)?$/);
  });

  it('copies exactly the image file list from the build stage and node_modules from a production-only install', () => {
    const copies = args('COPY').map((a) => {
      const parts = a.split(/\s+/).filter((p) => !p.startsWith('--chown'));
      const from = /^--from=(\S+)$/.exec(parts[0] ?? '')?.[1];
      return { from, source: parts.at(-2)!.replace(/^\/app\//, ''), target: parts.at(-1)!.replace(/^\.\//, '') };
    });
    expect(copies.every((c) => c.source === c.target)).toBe(true);
    const build = copies.filter((c) => c.from === 'build').map((c) => c.target);
    expect(build.sort()).toEqual([...IMAGE_FILES].sort());
    const deps = copies.filter((c) => c.from !== 'build');
    expect(deps).toEqual([{ from: 'deps', source: IMAGE_DEPENDENCIES, target: IMAGE_DEPENDENCIES }]);
    const depsStage = stages.find((s) => s.name === 'deps')!;
    expect(depsStage.instructions.some((i) => i.keyword === 'RUN' && /npm ci\b.*--omit=dev/.test(i.args))).toBe(true);
  });

  it('runs as a non-root user, probes /healthz and starts the compiled bot', () => {
    const user = args('USER').at(-1);
    expect(user).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(user);
    expect(args('WORKDIR').at(-1)).toBe('/app');
    expect(args('HEALTHCHECK').join(' ')).toContain('/healthz');
    expect(execForm(args('CMD').at(-1)!)).toEqual(['node', 'dist/src/main.js']);
    expect(args('ENV').join(' ')).toContain('NODE_ENV=production');
  });
});

describe('compose.yaml', () => {
  const compose = readFileSync(join(ROOT, 'compose.yaml'), 'utf8');

  it('runs the bot against a Redis with AOF on a named volume', () => {
    expect(compose).toMatch(/^ {2}bot:\n {4}build: \./m);
    expect(compose).toMatch(/REDIS_URL: redis:\/\/redis:6379/);
    expect(compose).toMatch(/condition: service_healthy/);
    expect(compose).toMatch(/'--appendonly', 'yes'/);
    expect(compose).toMatch(/'--appendfsync', 'everysec'/);
    expect(compose).toMatch(/'--maxmemory-policy', 'noeviction'/);
    expect(compose).toMatch(/- redis-data:\/data/);
    expect(compose).toMatch(/^volumes:\n {2}redis-data:/m);
  });
});
