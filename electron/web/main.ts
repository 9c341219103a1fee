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
 * --port <n> (default: the folder's kept port, else any free one), --renderer <dir>
 * (default out/renderer),
 * --signalling-port <n> (default 4455, or a free port when that is taken; a port given
 * here is used or Hearth does not start; 0 is any free port), --signalling-host <ipv4>
 * (listen only there, e.g. 127.0.0.1 in tests; default: 127.0.0.1 and every LAN address,
 * following interfaces), --no-discovery (no mDNS: announce nothing, find nobody),
 * --new-address (a new access token and port, replacing the kept ones).
 * One data folder keeps one address across restarts (./keptAddress.ts: the token in a
 * file only this user can read), so an open tab reconnects by itself after a restart.
 * $HEARTH_WEB_TOKEN gives the token instead (the end-to-end fixture), and is not kept.
 * SIGINT or SIGTERM answers running requests, closes the pages, stops the endpoint,
 * flushes the store and exits 0.
 *
 * The log goes to <data folder>/logs/hearth.log (events and errors only, never content:
 * services/log/). The data folder is locked while this runs (services/store/folderLock.ts).
 */
// First: sets NODE_ENV before any module loads Lexical.
import '../main/productionMode';
import { mkdir, readFile } from 'node:fs/promises';
import { homedir, release, type as osType } from 'node:os';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { consoleSink, setLogSink, teeSink } from '../../shared/log';
import { openHearthServices } from '../main/services/hearthServices';
import { openLogFile } from '../main/services/log/logFile';
import { FolderLockedError, lockDataFolder } from '../main/services/store/folderLock';
import { lazyChromiumPrinter } from './chromiumPdf';
import { downloadShell } from '../main/services/exports/saveShell';
import { FileKeyVault } from '../main/services/keys/fileKeyVault';
import { startRendezvous, type Rendezvous } from '../main/services/rendezvous';
import { ipv4Octets } from '../main/services/signalling/lanAddresses';
import { startWebHost, type WebBackend, type WebHost } from './host';
import { freshToken, keepAddress, readKeptAddress } from './keptAddress';
import type { EmitEvent } from '../../shared/ipc/contract';

const USAGE = `Usage: npm run web -- [--data-dir <dir>] [--port <n>] [--renderer <dir>]
       [--signalling-port <n>] [--signalling-host <ipv4 address>] [--no-discovery]
       [--new-address]`;

// The line printed once the host listens; the end-to-end fixture parses the address out of it.
const READY_LINE_PREFIX = 'Hearth is running in browser mode: ';
// The line after it: the signalling endpoint's URLs, separated by spaces.
const SIGNALLING_LINE_PREFIX = 'Hearth signalling endpoint: ';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      renderer: { type: 'string', default: 'out/renderer' },
      'signalling-port': { type: 'string' },
      'signalling-host': { type: 'string' },
      'no-discovery': { type: 'boolean', default: false },
      'new-address': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const givenPort = values.port === undefined ? undefined : portFlag('--port', values.port);
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
  // One writer per folder: the desktop app or the export command may have it open.
  const lock = await lockDataFolder(dataDir, 'Hearth in browser mode');
  process.on('exit', () => {
    // Synchronous at exit: the lock file must not outlive this process.
    try {
      rmSync(lock.path, { force: true });
    } catch {
      // Nothing more can be done while exiting; the next start takes a stale lock over.
    }
  });
  const logFile = openLogFile(join(dataDir, 'logs'));
  setLogSink(teeSink(consoleSink, logFile.sink));
  const version = await readVersion();
  const givenToken = process.env.HEARTH_WEB_TOKEN;
  const kept = values['new-address'] ? null : await readKeptAddress(dataDir);
  const token =
    givenToken !== undefined && givenToken !== '' ? givenToken : (kept?.token ?? freshToken());
  const keptPort = givenPort ?? kept?.port ?? 0;

  // Filled in by openServices, which the host calls before it resolves.
  const started: { rendezvous?: Rendezvous } = {};
  const openServices = async (emit: EmitEvent): Promise<WebBackend> => {
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
    const services = await openHearthServices({
      dataDir,
      keyVault: FileKeyVault.inDataDir(dataDir),
      appInfo: { mode: 'browser', version, keyProtection: 'key-file' },
      runtime: {
        node: process.versions.node,
        os: `${osType()} ${release()} ${process.arch}`,
      },
      logTail: (count) => logFile.tail(count),
      emit,
      endpoints: () => meeting.endpoints(),
      doorNetwork: meeting.doorNetwork,
      saveShell: downloadShell(printer.print),
    }).catch(async (error: unknown) => {
      await meeting.close();
      throw error;
    });
    return {
      handlers: services.handlers,
      // Peers are told goodbye before the store flushes, which may take a moment.
      close: async () => {
        await meeting.close();
        await services.close();
        await printer.close();
      },
    };
  };
  const start = (port: number) =>
    startWebHost({ rendererDir: resolve(values.renderer), port, token, openServices });
  let host: WebHost;
  try {
    host = await start(keptPort);
  } catch (error) {
    // The kept port is taken by something else: serve elsewhere (open tabs then need the
    // new address); a port given by flag is used or Hearth does not start.
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || givenPort !== undefined) {
      throw error;
    }
    console.log(`Port ${keptPort} is taken: Hearth moves to another, so its address changes.`);
    host = await start(0);
  }
  if (givenToken === undefined || givenToken === '') {
    await keepAddress(dataDir, { token: host.token, port: host.port });
  }
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
  // The usage helps with a mistyped flag, not with a folder another Hearth has open.
  if (!(error instanceof FolderLockedError)) console.error(USAGE);
  process.exit(1);
});
