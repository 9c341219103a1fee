import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { INTERNAL_ERROR_MESSAGE } from '../../../../electron/main/ipc/dispatch';
import { startWebHost, type WebHost } from '../../../../electron/web/host';
import { HearthError } from '../../../../shared/ipc/errors';
import { WIRE_VERSION, encodeFrame, type WireMessage } from '../../../../shared/ipc/wire';
import type { CircleSummary } from '../../../../shared/ipc/contract';
import type { DocId } from '../../../../shared/notebook/ids';
import { createMemoryServices, type MemoryServices } from '../../../helpers/memoryServices';
import { HandshakeRefused, openBridgePage, type BridgePage } from '../../../helpers/bridgePage';
import { capturedLogs } from '../../../helpers/capturedLogs';

let folder: string;
let host: WebHost;
let backend: MemoryServices;
const pages: BridgePage[] = [];
const logged = capturedLogs();

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'hearth-host-'));
  await writeFile(join(folder, 'index.html'), '<!doctype html><title>Hearth</title>');
  host = await startWebHost({
    rendererDir: folder,
    openServices: (emit) => Promise.resolve((backend = createMemoryServices(emit))),
  });
});

afterEach(async () => {
  for (const page of pages.splice(0)) page.socket.terminate();
  await host.close();
  await rm(folder, { recursive: true, force: true });
});

async function page(options: Parameters<typeof openBridgePage>[2] = {}): Promise<BridgePage> {
  const opened = await openBridgePage(host.origin, host.token, options);
  pages.push(opened);
  return opened;
}

async function refusedStatus(options: Parameters<typeof openBridgePage>[2], token = host.token) {
  const error: unknown = await openBridgePage(host.origin, token, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HandshakeRefused);
  return (error as HandshakeRefused).status;
}

const isEvent = (m: WireMessage) => m.kind === 'event';

describe('the browser-mode bridge endpoint', () => {
  it('refuses a bridge socket without the token, with a wrong one, or from another origin', async () => {
    expect(await refusedStatus({ protocols: ['hearth.bridge.1'] })).toBe(401);
    expect(await refusedStatus({}, 'A'.repeat(43))).toBe(401);
    expect(await refusedStatus({}, host.token.slice(1))).toBe(401);
    expect(await refusedStatus({ protocols: [`hearth.token.${host.token}`] })).toBe(401);
    expect(await refusedStatus({ origin: 'http://evil.example' })).toBe(403);
    expect(await refusedStatus({ origin: `http://localhost:${host.port}` })).toBe(403);
    expect(await refusedStatus({ origin: '' })).toBe(403);
    expect(await refusedStatus({ path: '/other' })).toBe(404);
    const reasons = logged.map((r) => JSON.stringify(r.detail));
    expect(reasons.some((reason) => reason.includes(host.token))).toBe(false);
  });

  it('greets an authenticated page with the wire and contract versions', async () => {
    const hello = await (await page()).next((m) => m.kind === 'hello');
    expect(hello).toEqual({ kind: 'hello', wireVersion: WIRE_VERSION, contractVersion: 1 });
  });

  it('answers requests, carrying bytes both ways', async () => {
    const p = await page();
    const created = await p.invoke('hearth:circles:create', {
      name: 'Tuesday circle',
      memberName: 'Ash',
      colour: 'sage',
    });
    if (!created.ok) throw new Error(created.error);
    const circleId = (created.value as CircleSummary).id;
    const ydoc = new Y.Doc();
    ydoc.getText('t').insert(0, 'I was nervous to come tonight.');
    const update = Y.encodeStateAsUpdate(ydoc);

    const appended = await p.invoke('hearth:docs:append', circleId, 'index' as DocId, update);
    expect(appended).toEqual({ kind: 'result', id: appended.id, ok: true, value: undefined });
    expect(backend.updates.get(`${circleId}/index`)).toEqual([update]);

    const loaded = await p.invoke('hearth:docs:load', circleId, 'index' as DocId);
    if (!loaded.ok) throw new Error(loaded.error);
    expect(loaded.value).toBeInstanceOf(Uint8Array);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, loaded.value as Uint8Array);
    expect(copy.getText('t').toJSON()).toBe('I was nervous to come tonight.');
  });

  it('refuses invalid arguments and unknown channels with [invalid-argument]', async () => {
    const p = await page();
    const bad = await p.invokeUnchecked('hearth:circles:open', ['not an id']);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/^\[invalid-argument\] hearth:circles:open\[0\]/);
    const extra = await p.invokeUnchecked('hearth:app:info', [1]);
    expect(!extra.ok && extra.error).toMatch(/^\[invalid-argument\]/);
    const noBytes = await p.invokeUnchecked('hearth:docs:append', [
      'a'.repeat(22),
      'index',
      [1, 2],
    ]);
    expect(!noBytes.ok && noBytes.error).toMatch(/^\[invalid-argument\].*should be bytes/);
    // Keys every object inherits must not pass for fields of the patch.
    for (const patch of [{ constructor: 1 }, { toString: 'x' }, { hasOwnProperty: 'x' }]) {
      const odd = await p.invokeUnchecked('hearth:settings:update', [patch]);
      expect(!odd.ok && odd.error, JSON.stringify(patch)).toMatch(/^\[invalid-argument\]/);
    }
    const unknown = await p.invokeUnchecked('hearth:shell:exec', []);
    expect(!unknown.ok && unknown.error).toBe('[invalid-argument] unknown request channel');
    const proto = await p.invokeUnchecked('toString', []);
    expect(!proto.ok && proto.error).toBe('[invalid-argument] unknown request channel');
  });

  it('passes a HearthError kind through and turns other failures into [internal], without their text', async () => {
    const p = await page();
    const missing = await p.invoke('hearth:circles:open', 'a'.repeat(22) as never);
    expect(!missing.ok && HearthError.fromWire(missing.error).kind).toBe('not-found');
    backend.handlers['hearth:notices:list'] = () => Promise.reject(new Error('disk on fire'));
    const failed = await p.invoke('hearth:notices:list');
    expect(!failed.ok && failed.error).toBe(`[internal] ${INTERNAL_ERROR_MESSAGE}`);
  });

  it('closes a socket that sends garbage, and keeps serving the others', async () => {
    const calm = await page();
    const garbage = [
      new Uint8Array([9, 9, 9]),
      new Uint8Array([WIRE_VERSION, 0, 0, 0, 2, 123, 125]),
      new Uint8Array(64).fill(255),
    ];
    for (const frame of garbage) {
      const rude = await page();
      rude.socket.send(frame);
      expect((await rude.closed).code).toBe(1008);
    }
    const texter = await page();
    texter.socket.send('hello?');
    expect(await texter.closed).toEqual({
      code: 1008,
      reason: 'text frames are not part of the bridge',
    });
    const impostor = await page();
    impostor.socket.send(encodeFrame({ kind: 'event', channel: 'x', payload: 1 }));
    expect((await impostor.closed).code).toBe(1008);
    const reasons = logged.filter((r) => r.message.includes('broke the bridge protocol'));
    expect(reasons.map((r) => r.detail?.reason)).toEqual([
      'the frame is only 3 bytes',
      'the message has an unknown kind',
      'the frame is wire version 255, expected 1',
      'text frames are not part of the bridge',
      'a page may not send event messages',
    ]);

    const info = await calm.invoke('hearth:app:info');
    expect(info.ok).toBe(true);
  });

  it('keeps serving after hundreds of random frames from a page', async () => {
    let seed = 7;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const good = encodeFrame({ kind: 'invoke', id: 1, channel: 'hearth:app:info', args: [] });
    let rude = await page();
    for (let round = 0; round < 300; round++) {
      const frame = good.slice(0, 1 + random(good.length));
      for (let i = 0; i < 3; i++) frame[random(frame.length)] = random(256);
      if (rude.socket.readyState !== rude.socket.OPEN) rude = await page();
      rude.socket.send(frame);
    }
    const calm = await page();
    expect((await calm.invoke('hearth:app:info')).ok).toBe(true);
  });

  it('pushes backend events to every authenticated page', async () => {
    const first = await page();
    const second = await page();
    await Promise.all([
      first.next((m) => m.kind === 'hello'),
      second.next((m) => m.kind === 'hello'),
    ]);
    const notice = {
      id: 'n1',
      kind: 'damaged-tail-dropped' as const,
      circleId: null,
      circleName: null,
      docId: null,
      savedCopyPath: null,
      bytesLost: 12,
      at: 1,
    };
    backend.addNotice(notice);
    for (const p of [first, second]) {
      expect(await p.next(isEvent)).toEqual({
        kind: 'event',
        channel: 'hearth:notices:added',
        payload: notice,
      });
    }
  });

  it('on close, answers running requests first, then closes pages and the backend once', async () => {
    const p = await page();
    let finish: () => void = () => undefined;
    backend.handlers['hearth:docs:flush'] = () =>
      new Promise<void>((resolve) => (finish = resolve));
    const flushing = p.invoke('hearth:docs:flush');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closing = host.close();
    expect(host.close()).toBe(closing);
    setTimeout(() => finish(), 50);
    expect((await flushing).ok).toBe(true);
    expect((await p.closed).code).toBe(1001);
    await closing;
    expect(backend.closeCount).toBe(1);
  });
  it('on close, still waits for a write whose page has gone away before closing the backend', async () => {
    const p = await page();
    let finish: () => void = () => undefined;
    backend.handlers['hearth:docs:flush'] = () =>
      new Promise<void>((resolve) => (finish = resolve));
    void p.invoke('hearth:docs:flush');
    await new Promise((resolve) => setTimeout(resolve, 50));
    p.socket.terminate();
    await p.closed;
    let closed = false;
    const closing = host.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(false);
    expect(backend.closeCount).toBe(0);
    finish();
    await closing;
    expect(backend.closeCount).toBe(1);
  });
});

describe('starting the host', () => {
  it('refuses to start without a built renderer, and says what to run', async () => {
    await expect(
      startWebHost({
        rendererDir: join(folder, 'nowhere'),
        openServices: (emit) => Promise.resolve(createMemoryServices(emit)),
      }),
    ).rejects.toThrow(/electron-vite build/);
  });

  it('reuses a given token, and refuses a malformed one', async () => {
    const token = 'b'.repeat(43);
    const second = await startWebHost({
      rendererDir: folder,
      token,
      openServices: (emit) => Promise.resolve(createMemoryServices(emit)),
    });
    expect(second.url).toContain(`#token=${token}`);
    await second.close();
    await expect(
      startWebHost({
        rendererDir: folder,
        token: 'short',
        openServices: (emit) => Promise.resolve(createMemoryServices(emit)),
      }),
    ).rejects.toThrow(/43 base64url/);
  });
});
