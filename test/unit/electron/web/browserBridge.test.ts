/**
 * The renderer's browser-mode client against the real host, in Node: the page's
 * location, storage and WebSocket are stand-ins (ws with the page's Origin).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { startWebHost, type WebHost } from '../../../../electron/web/host';
import {
  CONNECTION_LOST,
  TOKEN_STORAGE_KEY,
  createBrowserBridge,
  type BridgeEnvironment,
  type BrowserBridge,
} from '../../../../renderer/src/lib/browserBridge';
import { HearthError } from '../../../../shared/ipc/errors';
import type { StoreNotice } from '../../../../shared/ipc/contract';
import type { CircleId, DocId } from '../../../../shared/notebook/ids';
import { createMemoryServices, type MemoryServices } from '../../../helpers/memoryServices';
import { capturedLogs } from '../../../helpers/capturedLogs';

let folder: string;
let host: WebHost;
let backend: MemoryServices;
const bridges: BrowserBridge[] = [];
capturedLogs();

async function startHost(port = 0, token?: string): Promise<WebHost> {
  return startWebHost({
    rendererDir: folder,
    port,
    ...(token === undefined ? {} : { token }),
    openServices: (emit) => Promise.resolve((backend = createMemoryServices(emit))),
  });
}

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'hearth-bridge-'));
  await writeFile(join(folder, 'index.html'), '<title>Hearth</title>');
  host = await startHost();
});

afterEach(async () => {
  for (const bridge of bridges.splice(0)) bridge.close();
  await host.close();
  await rm(folder, { recursive: true, force: true });
});

interface Tab {
  environment: BridgeEnvironment;
  storage: Map<string, string>;
  shownUrls: string[];
  sockets: NodeWebSocket[];
}

// A browser tab opened at `hash`, whose sockets carry the host's Origin as Chromium's do.
function tab(hash: string, storage = new Map<string, string>()): Tab {
  const sockets: NodeWebSocket[] = [];
  const origin = host.origin;
  class PageSocket extends NodeWebSocket {
    constructor(url: string, protocols: string[]) {
      super(url, protocols, { origin });
      sockets.push(this);
    }
  }
  const shownUrls: string[] = [];
  return {
    storage,
    shownUrls,
    sockets,
    environment: {
      location: { hash, host: new URL(origin).host, protocol: 'http:', pathname: '/', search: '' },
      storage: {
        getItem: (key) => storage.get(key) ?? null,
        setItem: (key, value) => storage.set(key, value),
      },
      replaceUrl: (url) => shownUrls.push(url),
      // ws's client implements the parts of the DOM WebSocket the bridge uses
      // (binaryType 'arraybuffer', on* handlers, send, close).
      WebSocket: PageSocket as unknown as typeof WebSocket,
    },
  };
}

function connect(opened: Tab): BrowserBridge {
  const bridge = createBrowserBridge(opened.environment);
  bridges.push(bridge);
  return bridge;
}

const newCircle = { name: 'Thursday circle', memberName: 'Robin', colour: 'lake' } as const;

describe('the browser-mode bridge', () => {
  it('takes the token from the fragment, keeps it for reloads and hides it from the address bar', async () => {
    const first = tab(`#token=${host.token}&circle=x`);
    const api = connect(first).api;
    expect((await api.app.info()).mode).toBe('browser');
    expect(first.storage.get(TOKEN_STORAGE_KEY)).toBe(host.token);
    expect(first.shownUrls).toEqual(['/#circle=x']);

    const reloaded = tab('', first.storage);
    expect((await connect(reloaded).api.settings.get()).theme).toBe('system');
    expect(reloaded.shownUrls).toEqual([]);
  });

  it('fails every call plainly when the page has no token', async () => {
    const api = connect(tab('')).api;
    await expect(api.app.info()).rejects.toThrow(/no access key/);
  });

  it('queues calls made before the host has said hello, then answers them in order', async () => {
    const api = connect(tab(`#token=${host.token}`)).api;
    const created = api.circles.create(newCircle);
    const listed = api.circles.list();
    const summary = await created;
    expect((await listed).map((c) => c.id)).toEqual([summary.id]);
  });

  it('carries bytes both ways and reports failures as HearthErrors with their kind', async () => {
    const api = connect(tab(`#token=${host.token}`)).api;
    const { id } = await api.circles.create(newCircle);
    const update = new Uint8Array([0, 0]); // an empty Yjs update
    await api.docs.append(id, 'index' as DocId, update);
    expect(await api.docs.load(id, 'index' as DocId)).toEqual(new Uint8Array([0, 0]));
    const missing: unknown = await api.circles
      .open('b'.repeat(22) as CircleId)
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(HearthError);
    expect((missing as HearthError).kind).toBe('not-found');
    const invalid: unknown = await api.circles.open('nope' as CircleId).catch((e: unknown) => e);
    expect((invalid as HearthError).kind).toBe('invalid-argument');
  });

  it('delivers events to subscribers until they unsubscribe', async () => {
    const api = connect(tab(`#token=${host.token}`)).api;
    await api.app.info();
    const seen: StoreNotice[] = [];
    const unsubscribe = api.events.onNotice((notice) => seen.push(notice));
    const notice: StoreNotice = {
      id: 'n1',
      kind: 'damaged-records-skipped',
      circleId: null,
      circleName: null,
      docId: null,
      savedCopyPath: null,
      bytesLost: 3,
      at: 5,
    };
    backend.addNotice(notice);
    await expect.poll(() => seen).toEqual([notice]);
    unsubscribe();
    backend.addNotice({ ...notice, id: 'n2' });
    await api.app.info(); // the event, sent before this answer, has arrived by now
    expect(seen).toHaveLength(1);
  });

  it('fails a call in flight when the connection drops, instead of losing it silently', async () => {
    const opened = tab(`#token=${host.token}`);
    const api = connect(opened).api;
    await api.app.info();
    let finish: () => void = () => undefined;
    backend.handlers['hearth:docs:flush'] = () =>
      new Promise<void>((resolve) => (finish = resolve));
    const flushing = api.docs.flush();
    await new Promise((resolve) => setTimeout(resolve, 50));
    opened.sockets.at(-1)!.terminate();
    await expect(flushing).rejects.toThrow(CONNECTION_LOST);
    finish();
  });

  it('reconnects after the host restarts on the same port and token, then carries on', async () => {
    const opened = tab(`#token=${host.token}`);
    const api = connect(opened).api;
    await api.circles.create(newCircle);
    const { port, token } = host;
    await host.close();
    await expect.poll(() => opened.sockets.at(-1)!.readyState).toBe(NodeWebSocket.CLOSED);
    const duringRestart = api.app.info();
    host = await startHost(port, token);
    expect((await duringRestart).mode).toBe('browser');
    expect(await api.circles.list()).toEqual([]); // the memory backend starts empty again
  });
});
