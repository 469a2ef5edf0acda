/**
 * The directory in memory, reloadable without a restart (SIGHUP, or `reload()`).
 * A broken file keeps the old directory running and logs why; turns read `get()` once at their
 * start, so a reload never changes the directory under a running turn.
 */
import type { Logger } from '../logger';
import { loadDirectoryFile, type Directory } from './directory';

export class DirectoryHolder {
  private current: Directory;
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly path: string,
    private readonly logger: Logger,
    initial?: Directory,
  ) {
    this.current = initial ?? loadDirectoryFile(path);
  }

  get(): Directory {
    return this.current;
  }

  /** Loads the file again; on error keeps the old directory and returns the error message. */
  reload(): { ok: true; staff: number } | { ok: false; error: string } {
    try {
      this.current = loadDirectoryFile(this.path);
      this.logger.info(
        { staff: this.current.staff.length, services: this.current.services.length },
        'directory reloaded',
      );
      for (const listener of this.listeners) listener();
      return { ok: true, staff: this.current.staff.length };
    } catch (e) {
      // ConfigError messages name field paths and values of the directory (staff data, no citizen data).
      this.logger.error({ error: (e as Error).message }, 'directory reload failed; keeping the previous directory');
      return { ok: false, error: (e as Error).message };
    }
  }

  /** Called after every successful reload (e.g. to read the calendars of colleagues just added). */
  onReload(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Reloads on SIGHUP; returns a function that removes the listener. */
  reloadOnSighup(proc: NodeJS.Process = process): () => void {
    const onHup = () => void this.reload();
    proc.on('SIGHUP', onHup);
    return () => proc.off('SIGHUP', onHup);
  }
}
