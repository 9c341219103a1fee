/**
 * `npm run web`: runs Hearth in browser mode. Opens the notebook store on a data folder
 * with a file-based key vault (no OS keychain outside Electron), serves the built
 * renderer on 127.0.0.1 and prints the one address to open:
 *
 *   Hearth is running in browser mode: http://127.0.0.1:PORT/#token=…
 *
 * Flags: --data-dir <dir> (default $HEARTH_DATA_DIR or ~/.hearth/browser-mode),
 * --port <n> (default 0: any free port), --renderer <dir> (default out/renderer).
 * $HEARTH_WEB_TOKEN reuses an access token across restarts (the end-to-end fixture
 * sets it so an open page reconnects); otherwise every run makes a fresh one.
 * SIGINT or SIGTERM answers running requests, closes the pages, flushes the store and
 * exits 0.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createBackend } from '../main/services/backend';
import { FileKeyVault } from '../main/services/keys/fileKeyVault';
import { startWebHost, type WebHost } from './host';

const USAGE = `Usage: npm run web -- [--data-dir <dir>] [--port <n>] [--renderer <dir>]`;

// The line printed once the host listens; the end-to-end fixture parses the address out of it.
const READY_LINE_PREFIX = 'Hearth is running in browser mode: ';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '0' },
      renderer: { type: 'string', default: 'out/renderer' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port should be a whole number from 0 to 65535, got ${values.port}`);
  }
  const dataDir = resolve(
    values['data-dir'] ?? process.env.HEARTH_DATA_DIR ?? join(homedir(), '.hearth', 'browser-mode'),
  );
  // The notebook is among the most private things a person writes: only this user may enter.
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const version = await readVersion();
  const token = process.env.HEARTH_WEB_TOKEN;

  const host = await startWebHost({
    rendererDir: resolve(values.renderer),
    port,
    ...(token === undefined || token === '' ? {} : { token }),
    openBackend: (emit) =>
      createBackend({
        dataDir,
        keyVault: FileKeyVault.inDataDir(dataDir),
        appInfo: { mode: 'browser', version },
        emit,
      }),
  });
  stopOnSignals(host);
  console.log(`${READY_LINE_PREFIX}${host.url}`);
}

// The first SIGINT/SIGTERM stops gracefully; a second one gives up waiting.
function stopOnSignals(host: WebHost): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      console.error(`Hearth: ${signal} again, exiting without waiting.`);
      process.exit(1);
    }
    stopping = true;
    host.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Hearth could not close cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function readVersion(): Promise<string> {
  try {
    const text = await readFile(new URL('../../package.json', import.meta.url), 'utf8');
    const parsed = JSON.parse(text) as { version?: unknown };
    return typeof parsed.version === 'string' ? parsed.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

main().catch((error: unknown) => {
  console.error(
    `Hearth could not start in browser mode: ${error instanceof Error ? error.message : String(error)}`,
  );
  console.error(USAGE);
  process.exit(1);
});
