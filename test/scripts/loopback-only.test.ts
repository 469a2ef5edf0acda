/**
 * `npm start` runs the bot (authentication off) and the Agents Playground with
 * scripts/loopback-only.cjs preloaded: whatever address they do not name, they listen on 127.0.0.1,
 * not on every interface of the developer's machine.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const PRELOAD = join(__dirname, '../../scripts/loopback-only.cjs');

function addressesWith(preload: boolean, how: 'require' | 'tsx-child' = 'require'): string[] {
  const program = `
    const http = require('node:http');
    const listens = [(s, cb) => s.listen(0, cb), (s, cb) => s.listen(0, undefined, cb), (s, cb) => s.listen(0, '0.0.0.0', cb), (s, cb) => s.listen({ port: 0 }, cb)];
    (async () => {
      const out = [];
      for (const listen of listens) {
        const s = http.createServer();
        await new Promise((r) => listen(s, r));
        out.push(s.address().address);
        await new Promise((r) => s.close(r));
      }
      console.log(JSON.stringify(out));
    })();`;
  if (how === 'tsx-child') {
    // As npm start runs the bot: the tsx CLI starts the program in a child process; the preload travels in NODE_OPTIONS.
    const env = { ...process.env, NODE_OPTIONS: `--require ${JSON.stringify(PRELOAD)}` };
    const out = execFileSync(process.execPath, [require.resolve('tsx/cli'), '-e', program], { encoding: 'utf8', env });
    return JSON.parse(out) as string[];
  }
  const args = [...(preload ? ['--require', PRELOAD] : []), '-e', program];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' })) as string[];
}

describe('local try-outs listen on the loopback interface only', () => {
  it('binds a server that names no address, or 0.0.0.0 (as the bot HTTP server does), to 127.0.0.1 (without the preload: every interface)', () => {
    expect(addressesWith(true)).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1', '127.0.0.1']);
    expect(addressesWith(false).every((a) => a === '::' || a === '0.0.0.0')).toBe(true);
  });

  it('reaches the bot, which the tsx CLI runs in a child process of its own, through NODE_OPTIONS', () => {
    expect(addressesWith(true, 'tsx-child')).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1', '127.0.0.1']);
  });

  it('is preloaded into both processes npm start starts (the bot through NODE_OPTIONS, the Playground directly)', () => {
    const local = readFileSync(join(__dirname, '../../scripts/local.ts'), 'utf8');
    const bot = local.search(/\bstart\(\s*'bot'/);
    expect(bot).toBeGreaterThan(0);
    expect(local.slice(Math.max(0, bot - 500), bot)).toMatch(
      /NODE_OPTIONS:.*--require \$\{JSON\.stringify\(LOOPBACK_ONLY\)\}/,
    );
    const playground = local.search(/\bstart\(\s*'playground'/);
    expect(playground).toBeGreaterThan(0);
    expect(local.slice(playground, playground + 300)).toMatch(/'--require',\s*LOOPBACK_ONLY/);
  });
});
