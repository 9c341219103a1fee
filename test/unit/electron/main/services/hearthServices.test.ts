import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { EventMap, NewCircle } from '../../../../../shared/ipc/contract';
import { IPC_CONTRACT_VERSION } from '../../../../../shared/ipc/contract';
import { CircleIndex } from '../../../../../shared/notebook/circleIndex';
import { INDEX_DOC_ID, type CircleId, type DocId } from '../../../../../shared/notebook/ids';
import { INDEX_ROOT } from '../../../../../shared/notebook/schema';
import {
  openHearthServices,
  type HearthServices,
} from '../../../../../electron/main/services/hearthServices';
import { FileKeyVault } from '../../../../../electron/main/services/keys/fileKeyVault';
import type { KeyVault } from '../../../../../electron/main/services/keys/keyVault';
import { filesUnder } from './store/storeFixture';
import { capturedLogs } from '../../../../helpers/capturedLogs';

const ENTRY = 'entryAAAAAAAAAAAAAAAAA' as DocId;
const UNKNOWN = 'unknownAAAAAAAAAAAAAAA' as CircleId;
const newCircle: NewCircle = { name: 'Wednesday Circle', memberName: 'Sam', colour: 'ember' };

const folders: string[] = [];
const backends: HearthServices[] = [];

async function start(dataDir: string, options: { keyVault?: KeyVault; now?: () => number } = {}) {
  const events: { channel: keyof EventMap; payload: unknown }[] = [];
  const backend = await openHearthServices({
    dataDir,
    keyVault: options.keyVault ?? FileKeyVault.inDataDir(dataDir),
    appInfo: { mode: 'browser', version: '0.1.0' },
    emit: (channel, payload) => events.push({ channel, payload }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  backends.push(backend);
  return { backend, handlers: backend.handlers, events };
}

function typed(text: string): Uint8Array {
  const ydoc = new Y.Doc();
  ydoc.getText('body').insert(0, text);
  return Y.encodeStateAsUpdate(ydoc);
}

function textOf(state: Uint8Array | null): string {
  const ydoc = new Y.Doc();
  if (state !== null) Y.applyUpdate(ydoc, state);
  return ydoc.getText('body').toJSON();
}

describe('the backend', () => {
  let dataDir = '';
  capturedLogs();
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hearth-backend-'));
    folders.push(dataDir);
  });
  afterEach(async () => {
    for (const backend of backends.splice(0)) await backend.close().catch(() => undefined);
    for (const dir of folders.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('never lists the journal as a circle, even while a first start is making it', async () => {
    // The window asks for the journal and the circles at once on its first start.
    for (let attempt = 0; attempt < 20; attempt++) {
      const folder = await mkdtemp(join(tmpdir(), 'hearth-backend-first-start-'));
      folders.push(folder);
      const { handlers } = await start(folder);
      const [journal, circles] = await Promise.all([
        handlers['hearth:journal:open'](),
        handlers['hearth:circles:list'](),
      ]);
      expect(circles).toEqual([]);
      expect(await handlers['hearth:circles:list']()).toEqual([]);
      expect(journal.journalId).toBe((await handlers['hearth:journal:open']()).journalId);
    }
  });

  it('finishes a journal whose first start stopped after its marker was written', async () => {
    const journalId = 'journalAAAAAAAAAAAAAAA';
    await writeFile(join(dataDir, 'journal.json'), JSON.stringify({ version: 1, journalId }));
    const { handlers } = await start(dataDir);
    expect(await handlers['hearth:circles:list']()).toEqual([]);
    expect(await handlers['hearth:journal:open']()).toEqual({ journalId });
    expect(await handlers['hearth:circles:list']()).toEqual([]);
    expect(await handlers['hearth:docs:load'](journalId as CircleId, INDEX_DOC_ID)).not.toBeNull();
  });

  it('says how Hearth is running', async () => {
    const { handlers } = await start(dataDir);
    expect(await handlers['hearth:app:info']()).toEqual({
      mode: 'browser',
      version: '0.1.0',
      contractVersion: IPC_CONTRACT_VERSION,
    });
  });

  it('makes a circle whose index names it and its founding member', async () => {
    const { handlers } = await start(dataDir, { now: () => 1_000 });
    const summary = await handlers['hearth:circles:create'](newCircle);
    expect(summary).toMatchObject({
      name: 'Wednesday Circle',
      memberName: 'Sam',
      colour: 'ember',
      createdAt: 1_000,
      lastOpenedAt: 1_000,
    });
    expect(summary.id).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const opened = await handlers['hearth:circles:open'](summary.id);
    expect(opened.docIds).toEqual([INDEX_DOC_ID]);
    expect(opened.profile.circleKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The index comes with the opening: no second round trip for it.
    expect(opened.indexState).toEqual(await handlers['hearth:docs:load'](summary.id, INDEX_DOC_ID));
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, opened.indexState!);
    const index = new CircleIndex(ydoc).read();
    expect(index.meta).toMatchObject({ circleId: summary.id, name: 'Wednesday Circle' });
    expect(index.members.get(opened.profile.memberId)).toMatchObject({
      name: 'Sam',
      colour: 'ember',
    });
  });

  it('lists circles newest-opened first, also after a restart', async () => {
    let clock = 1_000;
    const first = await start(dataDir, { now: () => clock++ });
    const older = await first.handlers['hearth:circles:create']({ ...newCircle, name: 'Older' });
    const newer = await first.handlers['hearth:circles:create']({ ...newCircle, name: 'Newer' });
    expect((await first.handlers['hearth:circles:list']()).map((c) => c.name)).toEqual([
      'Newer',
      'Older',
    ]);
    await first.handlers['hearth:circles:open'](older.id);
    expect((await first.handlers['hearth:circles:list']()).map((c) => c.id)).toEqual([
      older.id,
      newer.id,
    ]);
    await first.backend.close();

    const second = await start(dataDir);
    const listed = await second.handlers['hearth:circles:list']();
    expect(listed.map((c) => c.id)).toEqual([older.id, newer.id]);
    expect(listed[0]!.lastOpenedAt).toBeGreaterThan(listed[0]!.createdAt);
  });

  it('loads what was appended, after a flush and after a restart', async () => {
    const first = await start(dataDir);
    const { id } = await first.handlers['hearth:circles:create'](newCircle);
    expect(await first.handlers['hearth:docs:load'](id, ENTRY)).toBeNull();
    await first.handlers['hearth:docs:append'](id, ENTRY, typed('a quiet evening'));
    await first.handlers['hearth:docs:flush']();
    expect(textOf(await first.handlers['hearth:docs:load'](id, ENTRY))).toBe('a quiet evening');
    expect((await first.handlers['hearth:circles:open'](id)).docIds).toEqual(
      [ENTRY, INDEX_DOC_ID].sort(),
    );
    await first.backend.close();

    const second = await start(dataDir);
    expect(textOf(await second.handlers['hearth:docs:load'](id, ENTRY))).toBe('a quiet evening');
  });

  it('opens one circle from several requests at once', async () => {
    const { handlers } = await start(dataDir);
    const { id } = await handlers['hearth:circles:create'](newCircle);
    const opened = await Promise.all([1, 2, 3].map(() => handlers['hearth:circles:open'](id)));
    expect(opened.map((circle) => circle.profile.circleId)).toEqual([id, id, id]);
    expect((await handlers['hearth:circles:list']()).map((circle) => circle.id)).toEqual([id]);
  });

  it('takes up a new circle name from the index document after the circle is opened', async () => {
    const { handlers } = await start(dataDir);
    const { id } = await handlers['hearth:circles:create'](newCircle);
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, (await handlers['hearth:docs:load'](id, INDEX_DOC_ID))!);
    const before = Y.encodeStateVector(ydoc);
    ydoc.getMap(INDEX_ROOT.meta).set('name', 'Wednesday Evening Circle');
    await handlers['hearth:docs:append'](id, INDEX_DOC_ID, Y.encodeStateAsUpdate(ydoc, before));
    await handlers['hearth:circles:open'](id);
    // Read after the opening is answered (electron/main/services/openedCircle.ts).
    await vi.waitFor(
      async () =>
        expect((await handlers['hearth:circles:list']())[0]!.name).toBe('Wednesday Evening Circle'),
      { timeout: 10_000, interval: 100 },
    );
  });

  it('refuses an unknown circle with not-found', async () => {
    const { handlers } = await start(dataDir);
    const notFound = { name: 'HearthError', kind: 'not-found' };
    await expect(handlers['hearth:circles:open'](UNKNOWN)).rejects.toMatchObject(notFound);
    await expect(handlers['hearth:docs:load'](UNKNOWN, ENTRY)).rejects.toMatchObject(notFound);
    await expect(handlers['hearth:docs:append'](UNKNOWN, ENTRY, typed('x'))).rejects.toMatchObject(
      notFound,
    );
  });

  it('refuses bytes that are not a Yjs update', async () => {
    const { handlers } = await start(dataDir);
    const { id } = await handlers['hearth:circles:create'](newCircle);
    await expect(
      handlers['hearth:docs:append'](id, ENTRY, new Uint8Array([200, 1, 2, 3])),
    ).rejects.toMatchObject({ kind: 'invalid-argument' });
  });

  it('starts settings from defaults and keeps updates across a restart', async () => {
    const first = await start(dataDir);
    expect(await first.handlers['hearth:settings:get']()).toEqual({
      theme: 'system',
      textSize: 'regular',
      lastCircleId: null,
      iceServers: [],
      region: null,
      language: 'system',
    });
    const { id } = await first.handlers['hearth:circles:create'](newCircle);
    await first.handlers['hearth:settings:update']({ theme: 'dark' });
    expect(await first.handlers['hearth:settings:update']({ lastCircleId: id })).toEqual({
      theme: 'dark',
      textSize: 'regular',
      lastCircleId: id,
      iceServers: [],
      region: null,
      language: 'system',
    });
    await first.backend.close();
    const second = await start(dataDir);
    expect(await second.handlers['hearth:settings:get']()).toEqual({
      theme: 'dark',
      textSize: 'regular',
      lastCircleId: id,
      iceServers: [],
      region: null,
      language: 'system',
    });
  });

  it('tells the renderer about a damaged file and forgets the notice once dismissed', async () => {
    const first = await start(dataDir);
    const { id } = await first.handlers['hearth:circles:create'](newCircle);
    await first.handlers['hearth:docs:append'](id, ENTRY, typed('kept'));
    await first.backend.close();
    await appendFile(join(dataDir, 'circles', id, 'docs', `${ENTRY}.hlog`), 'garbage');

    const second = await start(dataDir);
    expect(textOf(await second.handlers['hearth:docs:load'](id, ENTRY))).toBe('kept');
    expect(second.events).toHaveLength(1);
    expect(second.events[0]).toMatchObject({
      channel: 'hearth:notices:added',
      payload: { kind: 'damaged-tail-dropped', circleId: id, circleName: 'Wednesday Circle' },
    });
    const [notice] = await second.handlers['hearth:notices:list']();
    expect(notice).toEqual(second.events[0]!.payload);
    await second.handlers['hearth:notices:dismiss'](notice!.id);
    expect(await second.handlers['hearth:notices:list']()).toEqual([]);
  });

  it('gives a clear error with a different key vault and changes nothing on disk', async () => {
    const first = await start(dataDir);
    const { id } = await first.handlers['hearth:circles:create'](newCircle);
    await first.handlers['hearth:docs:append'](id, ENTRY, typed('private words'));
    await first.backend.close();
    const before = await filesUnder(dataDir);

    const otherKeys = await mkdtemp(join(tmpdir(), 'hearth-other-keys-'));
    folders.push(otherKeys);
    const otherVault = FileKeyVault.inDataDir(otherKeys);
    await otherVault.seal(new Uint8Array(32));
    const second = await start(dataDir, { keyVault: otherVault });
    const locked = {
      kind: 'storage-failed',
      message: expect.stringMatching(/different master key/) as unknown,
    };
    // The locked circle is left out of the list, and the member is told once.
    expect(await second.handlers['hearth:circles:list']()).toEqual([]);
    expect(await second.handlers['hearth:circles:list']()).toEqual([]);
    const notices = await second.handlers['hearth:notices:list']();
    expect(notices.map((notice) => [notice.kind, notice.circleId])).toEqual([
      ['circle-locked', id],
    ]);
    await expect(second.handlers['hearth:circles:open'](id)).rejects.toMatchObject(locked);
    await expect(second.handlers['hearth:docs:load'](id, ENTRY)).rejects.toMatchObject(locked);
    await expect(
      second.handlers['hearth:docs:append'](id, ENTRY, typed('more')),
    ).rejects.toMatchObject(locked);
    await second.backend.close();
    expect(await filesUnder(dataDir)).toEqual(before);
  });

  it('refuses requests once closed', async () => {
    const { backend, handlers } = await start(dataDir);
    await backend.close();
    await expect(handlers['hearth:circles:list']()).rejects.toMatchObject({ kind: 'internal' });
  });
});
