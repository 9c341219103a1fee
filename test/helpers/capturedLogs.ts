/**
 * Hearth's log, caught for the tests of one file (or one `describe`): each test starts
 * with an empty list, every record it logs lands in it instead of on the console, and
 * the sink before is put back after it. Call at the top of the file or the `describe`:
 *
 *   const logged = capturedLogs();
 *   ...
 *   expect(logged.some((record) => record.level === 'warn')).toBe(true);
 *
 * A suite that only wants the console quiet calls it and ignores the list.
 */
import { afterEach, beforeEach } from 'vitest';
import { setLogSink, type LogRecord } from '../../shared/log';

/** The records logged by the running test, emptied before each test. */
export function capturedLogs(): LogRecord[] {
  const records: LogRecord[] = [];
  let restore = (): void => undefined;
  beforeEach(() => {
    records.length = 0;
    restore = setLogSink((record) => records.push(record));
  });
  afterEach(() => restore());
  return records;
}
