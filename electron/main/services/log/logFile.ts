/**
 * Hearth's log file, written by electron-log's file transport (plain Node, so the desktop
 * app, browser mode and tests share it): `hearth.log` in the platform's log folder
 * (desktop: Electron's `app.getPath('logs')` — ~/Library/Logs/Hearth on macOS,
 * %APPDATA%\Hearth\logs on Windows, ~/.config/Hearth/logs on Linux; browser mode:
 * `<data folder>/logs`). At 1 MiB it is renamed to `hearth.old.log` (replacing the
 * previous one) and a new file is started, so the log never takes more than about 2 MiB.
 * Readable by this user only. What a line may hold is decided by ./logRedaction.ts.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import electronLog from 'electron-log/node';
import type { LogRecord, LogSink } from '../../../../shared/log';
import { logLine } from './logRedaction';

/** The current log file's name; the previous one is `hearth.old.log`. */
export const LOG_FILE_NAME = 'hearth.log';

/** Where the file is rotated. */
export const LOG_MAX_BYTES = 1024 * 1024;

/** An open log file. */
export interface LogFile {
  /** The current file's path. */
  readonly path: string;
  /** Writes one record (content withheld as ./logRedaction.ts says). */
  readonly sink: LogSink;
  /** The last `count` lines written, oldest first (both files, for a rotation just past). */
  tail(count: number): Promise<string[]>;
}

/** Opens (creating on first write) the log file in `logDir`. */
export function openLogFile(logDir: string, options: { maxBytes?: number } = {}): LogFile {
  const path = join(logDir, LOG_FILE_NAME);
  const home = homedir();
  // A logger of its own: electron-log's default instance also hooks the console.
  const logger = electronLog.create({ logId: `hearth:${path}` });
  logger.transports.console.level = false;
  const file = logger.transports.file;
  file.resolvePathFn = () => path;
  file.maxSize = options.maxBytes ?? LOG_MAX_BYTES;
  file.format = '[{y}-{m}-{d} {h}:{i}:{s}.{ms}] [{level}] {text}';
  file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };

  const sink = (record: LogRecord): void => {
    const line = logLine(record, home);
    if (record.level === 'debug') logger.debug(line);
    else logger[record.level](line);
  };

  return {
    path,
    sink,
    async tail(count) {
      const read = (name: string): Promise<string[]> =>
        readFile(join(logDir, name), 'utf8').then(
          (text) => text.split('\n').filter((line) => line !== ''),
          () => [],
        );
      const lines = [...(await read('hearth.old.log')), ...(await read(LOG_FILE_NAME))];
      return lines.slice(-count);
    },
  };
}
