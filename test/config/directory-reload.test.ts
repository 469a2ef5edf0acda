import { EventEmitter } from 'node:events';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryHolder } from '../../src/config/directory-reload';
import { createLogger } from '../../src/logger';

describe('directory reload', () => {
  const dir = mkdtempSync(join(tmpdir(), 'directory-'));
  const file = join(dir, 'directory.json');
  copyFileSync('config/directory.example.json', file);
  const logger = createLogger('silent');
  /** The raw file, to change and write back (the parts these tests change). */
  const readDirectoryFile = () =>
    JSON.parse(readFileSync(file, 'utf8')) as { organisation: { name: string }; staff: unknown[] };

  it('picks up a changed file on reload', () => {
    const holder = new DirectoryHolder(file, logger);
    const data = readDirectoryFile();
    data.organisation.name = 'Stadt Seelze (neu)';
    writeFileSync(file, JSON.stringify(data));
    expect(holder.reload()).toMatchObject({ ok: true });
    expect(holder.get().organisation.name).toBe('Stadt Seelze (neu)');
  });

  it('keeps the previous directory when the new file is broken', () => {
    const holder = new DirectoryHolder(file, logger);
    const before = holder.get();
    writeFileSync(file, '{ "organisation": ');
    const result = holder.reload();
    expect(result.ok).toBe(false);
    expect(holder.get()).toBe(before);
  });

  it('reloads on SIGHUP', () => {
    copyFileSync('config/directory.example.json', file);
    const holder = new DirectoryHolder(file, logger);
    const fakeProcess = new EventEmitter() as NodeJS.Process;
    const stop = holder.reloadOnSighup(fakeProcess);
    const data = readDirectoryFile();
    data.staff = data.staff.slice(0, 5);
    writeFileSync(file, JSON.stringify(data));
    fakeProcess.emit('SIGHUP');
    expect(holder.get().staff).toHaveLength(5);
    stop();
  });
});
