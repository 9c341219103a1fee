/**
 * A tiny logger for shared code. Peers and files are untrusted, so shared code
 * rejects bad input often; every rejection is logged with a reason rather than thrown
 * past the caller. The sink is replaceable so tests can assert on what was logged
 * and the main process can route it to its own log.
 */

/** How serious a log line is. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One log line: where it came from, what happened, and optional structured detail. */
export interface LogRecord {
  level: LogLevel;
  scope: string;
  message: string;
  detail?: Record<string, unknown>;
}

/** Receives every log line written through {@link logger}. */
export type LogSink = (record: LogRecord) => void;

/** Writes each line to the console (the default sink). */
export const consoleSink: LogSink = ({ level, scope, message, detail }) => {
  const line = `[hearth:${scope}] ${message}`;
  if (detail === undefined) console[level](line);
  else console[level](line, detail);
};

let sink: LogSink = consoleSink;

/** Routes all shared log lines to `next`; returns a function that restores the previous sink. */
export function setLogSink(next: LogSink): () => void {
  const previous = sink;
  sink = next;
  return () => {
    sink = previous;
  };
}

/** A logger bound to one scope (a module or feature name). */
export interface Logger {
  debug(message: string, detail?: Record<string, unknown>): void;
  info(message: string, detail?: Record<string, unknown>): void;
  warn(message: string, detail?: Record<string, unknown>): void;
  error(message: string, detail?: Record<string, unknown>): void;
}

/** Returns a logger whose lines are tagged with `scope`. */
export function logger(scope: string): Logger {
  const write =
    (level: LogLevel) =>
    (message: string, detail?: Record<string, unknown>): void => {
      sink(detail === undefined ? { level, scope, message } : { level, scope, message, detail });
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** A sink that hands every line to each of `sinks`, in order. */
export function teeSink(...sinks: LogSink[]): LogSink {
  return (record) => {
    for (const each of sinks) each(record);
  };
}
