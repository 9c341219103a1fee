/**
 * `npm run web`: runs Hearth in browser mode. Opens the notebook store on a data folder
 * with a file-based key vault (no OS keychain outside Electron), starts this laptop's
 * signalling endpoint and mDNS discovery (services/rendezvous.ts), serves the built
 * renderer on 127.0.0.1 and prints the address to open, then the endpoint's:
 *
 *   Hearth is running in browser mode: http://127.0.0.1:PORT/#token=…
 *   Hearth signalling endpoint: ws://127.0.0.1:4455 ws://192.168.1.20:4455
 *
 * Flags: --data-dir <dir> (default $HEARTH_DATA_DIR or ~/.hearth/browser-mode),
 * --port <n> (default 0: any free port), --renderer <dir> (default out/renderer),
 * --signalling-port <n> (default 4455, or a free port when that is taken; a port given
 * here is used or Hearth does not start; 0 is any free port), --signalling-host <ipv4>
 * (listen only there, e.g. 127.0.0.1 in tests; default: 127.0.0.1 and every LAN address,
 * following interfaces), --no-discovery (no mDNS: announce nothing, find nobody).
 * $HEARTH_WEB_TOKEN reuses an access token across restarts (the end-to-end fixture
 * sets it so an open page reconnects); otherwise every run makes a fresh one.
 * SIGINT or SIGTERM answers running requests, closes the pages, stops the endpoint,
 * flushes the store and exits 0.
 */
// First: sets NODE_ENV before any module loads Lexical.
import '../main/productionMode';
import { mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createBackend } from '../main/services/backend';
import { lazyChromiumPrinter } from '../main/services/exports/chromiumPdf';
import { downloadShell } from '../main/services/exports/saveShell';
import { FileKeyVault } from '../main/services/keys/fileKeyVault';
import { startRendezvous, type Rendezvous } from '../main/services/rendezvous';
import { ipv4Octets } from '../main/services/signalling/lanAddresses';
import { startWebHost, type WebHost } from './host';

const USAGE = `Usage: npm run web -- [--data-dir <dir>] [--port <n>] [--renderer <dir>]
       [--signalling-port <n>] [--signalling-host <ipv4 address>] [--no-discovery]`;

// The line printed once the host listens; the end-to-end fixture parses the address out of it.
const READY_LINE_PREFIX = 'Hearth is running in browser mode: ';
// The line after it: the signalling endpoint's URLs, separated by spaces.
const SIGNALLING_LINE_PREFIX = 'Hearth signalling endpoint: ';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '0' },
      renderer: { type: 'string', default: 'out/renderer' },
      'signalling-port': { type: 'string' },
      'signalling-host': { type: 'string' },
      'no-discovery': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = portFlag('--port', values.port);
  const signallingPort =
    values['signalling-port'] === undefined
      ? undefined
      : portFlag('--signalling-port', values['signalling-port']);
  const signallingHost = values['signalling-host'];
  // One address: the wildcard would also open the endpoint on public interfaces, and is no
  // address a peer could be given.
  if (
    signallingHost !== undefined &&
    (ipv4Octets(signallingHost) === null || signallingHost === '0.0.0.0')
  ) {
    throw new Error(`--signalling-host should be one IPv4 address, got ${signallingHost}`);
  }
  const dataDir = resolve(
    values['data-dir'] ?? process.env.HEARTH_DATA_DIR ?? join(homedir(), '.hearth', 'browser-mode'),
  );
  // The notebook is among the most private things a person writes: only this user may enter.
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const version = await readVersion();
  const token = process.env.HEARTH_WEB_TOKEN;

  // Filled in by openBackend, which the host calls before it resolves.
  const started: { rendezvous?: Rendezvous } = {};
  const host = await startWebHost({
    rendererDir: resolve(values.renderer),
    port,
    ...(token === undefined || token === '' ? {} : { token }),
    openBackend: async (emit) => {
      const meeting = await startRendezvous({
        signalling: {
          ...(signallingHost === undefined ? {} : { host: signallingHost }),
          ...(signallingPort === undefined ? {} : { port: signallingPort }),
        },
        discovery: values['no-discovery'] ? false : {},
        onChange: (endpoints) => {
          emit('hearth:sync:endpoints', endpoints);
        },
      });
      started.rendezvous = meeting;
      // PDFs are printed by headless Chromium when this machine has it (see chromiumPdf.ts).
      const printer = lazyChromiumPrinter();
      const backend = await createBackend({
        dataDir,
        keyVault: FileKeyVault.inDataDir(dataDir),
        appInfo: { mode: 'browser', version },
        emit,
        endpoints: () => meeting.endpoints(),
        doorNetwork: meeting.doorNetwork,
        saveShell: downloadShell(printer.print),
      }).catch(async (error: unknown) => {
        await meeting.close();
        throw error;
      });
      return {
        handlers: backend.handlers,
        // Peers are told goodbye before the store flushes, which may take a moment.
        close: async () => {
          await meeting.close();
          await backend.close();
          await printer.close();
        },
      };
    },
  });
  stopOnSignals(host);
  console.log(`${READY_LINE_PREFIX}${host.url}`);
  console.log(`${SIGNALLING_LINE_PREFIX}${started.rendezvous?.endpoint.addresses.join(' ') ?? ''}`);
}

function portFlag(name: string, value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${name} should be a whole number from 0 to 65535, got ${value}`);
  }
  return port;
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
