import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  openHearthServices,
  type HearthServices,
} from '../../../../../../electron/main/services/hearthServices';
import { FileKeyVault } from '../../../../../../electron/main/services/keys/fileKeyVault';
import type { SaveShell } from '../../../../../../electron/main/services/exports/saveShell';
import { BACKUP_ITERATIONS, openBackupFile } from '../../../../../../shared/backup/backupFile';
import type { CircleSummary, SaveOutcome } from '../../../../../../shared/ipc/contract';
import { markdownEntryUpdate } from '../../../../../../shared/export/markdownImport';
import { CircleIndex } from '../../../../../../shared/notebook/circleIndex';
import { INDEX_DOC_ID, entryDocId, type DocId } from '../../../../../../shared/notebook/ids';
import { folderPrint } from '../../../../../helpers/folderPrint';

const PASSPHRASE = 'lantern kettle harbour seven';
const dirs: string[] = [];
const backends: HearthServices[] = [];

async function laptop(): Promise<{ dataDir: string; backend: HearthServices }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-backup-'));
  dirs.push(dataDir);
  const backend = await openHearthServices({
    dataDir,
    keyVault: FileKeyVault.inDataDir(dataDir),
    appInfo: { mode: 'browser', version: 'test' },
    emit: () => undefined,
    backupIterations: 100_000,
  });
  backends.push(backend);
  return { dataDir, backend };
}

afterEach(async () => {
  for (const backend of backends.splice(0)) await backend.close().catch(() => undefined);
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

// Every file under the data folder with the hash of its bytes: "nothing changed" means equal.
async function circleWithEntries(backend: HearthServices): Promise<CircleSummary> {
  const { handlers } = backend;
  const summary = await handlers['hearth:circles:create']({
    name: 'Harbour circle',
    memberName: 'Ana',
    colour: 'lake',
  });
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, (await handlers['hearth:docs:load'](summary.id, INDEX_DOC_ID))!);
  const index = new CircleIndex(ydoc);
  const meetingId = index.addMeeting({
    title: 'Monday',
    date: '2026-02-02',
    prompts: [],
    createdBy: null,
  });
  for (const words of ['# One\n\nfirst words', 'second **words**', '- a list\n- of things']) {
    const entryId = index.addEntry({ meetingId, authorId: null, visibility: 'anonymous' });
    await handlers['hearth:docs:append'](
      summary.id,
      entryDocId(entryId),
      markdownEntryUpdate(words),
    );
  }
  await handlers['hearth:docs:append'](summary.id, INDEX_DOC_ID, Y.encodeStateAsUpdate(ydoc));
  await handlers['hearth:docs:flush']();
  return summary;
}

function downloaded(outcome: SaveOutcome): Uint8Array {
  if (outcome.kind !== 'download') throw new Error(`expected a download, got ${outcome.kind}`);
  return outcome.bytes;
}

// Each document's state, re-encoded from a fresh Y.Doc so equal content gives equal bytes.
async function allDocs(
  backend: HearthServices,
  circle: CircleSummary,
): Promise<Map<DocId, Uint8Array>> {
  const opened = await backend.handlers['hearth:circles:open'](circle.id);
  const out = new Map<DocId, Uint8Array>();
  for (const docId of opened.docIds) {
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, (await backend.handlers['hearth:docs:load'](circle.id, docId))!);
    out.set(docId, Y.encodeStateAsUpdate(ydoc));
    ydoc.destroy();
  }
  return out;
}

describe('circle backup', () => {
  it('restores every document, the profile and the circle key on another laptop', async () => {
    const home = await laptop();
    const circle = await circleWithEntries(home.backend);
    const file = downloaded(
      await home.backend.handlers['hearth:backup:create'](circle.id, PASSPHRASE),
    );

    const other = await laptop();
    const outcome = await other.backend.handlers['hearth:backup:restore'](PASSPHRASE, file);
    expect(outcome).toMatchObject({
      kind: 'restored',
      circle: { id: circle.id, name: 'Harbour circle' },
    });
    const [before, after] = [
      await allDocs(home.backend, circle),
      await allDocs(other.backend, circle),
    ];
    expect(after.size).toBe(4);
    expect(after).toEqual(before);
    const homeProfile = (await home.backend.handlers['hearth:circles:open'](circle.id)).profile;
    const otherProfile = (await other.backend.handlers['hearth:circles:open'](circle.id)).profile;
    expect(otherProfile).toEqual(homeProfile);
  });

  it('writes backups with 600,000 PBKDF2 iterations by default', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'hearth-backup-'));
    dirs.push(dataDir);
    const backend = await openHearthServices({
      dataDir,
      keyVault: FileKeyVault.inDataDir(dataDir),
      appInfo: { mode: 'browser', version: 'test' },
      emit: () => undefined,
    });
    backends.push(backend);
    const circle = await backend.handlers['hearth:circles:create']({
      name: 'C',
      memberName: 'A',
      colour: 'sage',
    });
    const file = downloaded(await backend.handlers['hearth:backup:create'](circle.id, PASSPHRASE));
    expect(new DataView(file.buffer, file.byteOffset).getUint32(10)).toBe(BACKUP_ITERATIONS);
    await expect(openBackupFile(file, PASSPHRASE)).resolves.toBeInstanceOf(Uint8Array);
  }, 30_000);

  it('refuses a wrong passphrase, a flipped byte and a cut file, changing nothing on disk', async () => {
    const home = await laptop();
    const circle = await circleWithEntries(home.backend);
    const file = downloaded(
      await home.backend.handlers['hearth:backup:create'](circle.id, PASSPHRASE),
    );
    const other = await laptop();
    await other.backend.handlers['hearth:circles:create']({
      name: 'Already here',
      memberName: 'Ben',
      colour: 'rose',
    });
    await other.backend.handlers['hearth:docs:flush']();
    const before = await folderPrint(other.dataDir);

    const restore = other.backend.handlers['hearth:backup:restore'];
    expect(await restore('not the passphrase', file)).toEqual({
      kind: 'refused',
      reason: 'wrong-passphrase',
    });
    for (const at of [12, 40, 80, Math.floor(file.length / 2), file.length - 1]) {
      const flipped = file.slice();
      flipped[at]! ^= 0x01;
      const outcome = await restore(PASSPHRASE, flipped);
      expect(outcome.kind, `byte ${at}`).toBe('refused');
    }
    expect(await restore(PASSPHRASE, file.slice(0, file.length - 7))).toEqual({
      kind: 'refused',
      reason: 'damaged',
    });
    expect(await restore(PASSPHRASE, new TextEncoder().encode('# just some notes'))).toEqual({
      kind: 'refused',
      reason: 'not-a-backup',
    });
    expect(await folderPrint(other.dataDir)).toEqual(before);
    expect(await other.backend.handlers['hearth:circles:list']()).toHaveLength(1);
  });

  it('refuses to restore a circle this laptop already has, and leaves it as it is', async () => {
    const home = await laptop();
    const circle = await circleWithEntries(home.backend);
    const file = downloaded(
      await home.backend.handlers['hearth:backup:create'](circle.id, PASSPHRASE),
    );
    const before = await folderPrint(home.dataDir);
    expect(await home.backend.handlers['hearth:backup:restore'](PASSPHRASE, file)).toEqual({
      kind: 'refused',
      reason: 'circle-exists',
    });
    expect(await folderPrint(home.dataDir)).toEqual(before);
  });

  it('refuses a passphrase shorter than ten characters', async () => {
    const home = await laptop();
    const circle = await circleWithEntries(home.backend);
    await expect(home.backend.handlers['hearth:backup:create'](circle.id, 'short')).rejects.toThrow(
      /at least 10/,
    );
  });

  it('asks the shell for the file when none is given, and does nothing if the member closes the dialog', async () => {
    const shell: SaveShell = {
      save: () => Promise.resolve({ kind: 'dismissed' }),
      chooseBackup: () => Promise.resolve(null),
    };
    const dataDir = await mkdtemp(join(tmpdir(), 'hearth-backup-'));
    dirs.push(dataDir);
    const desktop = await openHearthServices({
      dataDir,
      keyVault: FileKeyVault.inDataDir(dataDir),
      appInfo: { mode: 'desktop', version: 'test' },
      emit: () => undefined,
      saveShell: shell,
      backupIterations: 100_000,
    });
    backends.push(desktop);
    expect(await desktop.handlers['hearth:backup:restore'](PASSPHRASE, null)).toEqual({
      kind: 'dismissed',
    });
  });
});
