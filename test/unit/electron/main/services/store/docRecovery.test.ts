import { appendFile, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocId } from '../../../../../../shared/notebook/ids';
import { noticeWords } from '../../../../../../electron/main/services/store/notices';
import {
  FILE_KIND,
  FRAME_BYTES,
  scanFile,
} from '../../../../../../electron/main/services/store/recordFormat';
import {
  crashCopy,
  emptyState,
  noteKeys,
  noteUpdate,
  openStore,
  removeDataDirs,
  tempDataDir,
  testCircle,
} from './storeFixture';
import { capturedLogs } from '../../../../../helpers/capturedLogs';

const ENTRY = 'entryAAAAAAAAAAAAAAAAA' as DocId;
const RECORDS = 10;
const ALL_KEYS = Array.from({ length: RECORDS }, (_, i) => `k${i}`).sort();

/** A crashed data folder whose entry log holds one record per key, k0 … k9. */
async function folderWithRecords(): Promise<{ dataDir: string; path: string; circleName: string }> {
  const source = await tempDataDir();
  const { store } = await openStore(source, { tuning: { commitWindowMs: 1 } });
  const circle = testCircle('Harbour Circle');
  const folder = await store.createCircle(circle, emptyState());
  for (let i = 0; i < RECORDS; i++) await folder.append(ENTRY, noteUpdate(`k${i}`, `note ${i}`));
  const dataDir = await crashCopy(source);
  await store.close();
  const path = join(dataDir, 'circles', circle.profile.circleId, 'docs', `${ENTRY}.hlog`);
  expect(scanFile(await readFile(path), FILE_KIND.docLog).records).toHaveLength(RECORDS);
  return { dataDir, path, circleName: circle.name };
}

async function reopen(dataDir: string) {
  const { store, notices } = await openStore(dataDir);
  const [circle] = await store.circles();
  const folder = await store.circle(circle!.profile.circleId);
  const keys = noteKeys(await folder.load(ENTRY));
  return { store, notices, keys };
}

describe('opening a damaged document log', () => {
  capturedLogs();
  afterEach(async () => {
    await removeDataDirs();
  });

  it('drops garbage appended after the last record, keeps every record, and keeps the original aside', async () => {
    const { dataDir, path, circleName } = await folderWithRecords();
    await appendFile(path, Buffer.from('this is not a record, just noise at the end of the file'));
    const damaged = await readFile(path);

    const { store, notices, keys } = await reopen(dataDir);
    expect(keys).toEqual(ALL_KEYS);
    expect(notices).toHaveLength(1);
    const [notice] = notices;
    expect(notice).toMatchObject({ kind: 'damaged-tail-dropped', docId: ENTRY, circleName });
    expect(notice!.bytesLost).toBe(55);
    expect(await readFile(notice!.savedCopyPath!)).toEqual(damaged);
    expect(noticeWords(notice!)).toMatch(/last 55 bytes of an entry of "Harbour Circle".*kept at/);
    await store.close();

    const again = await reopen(dataDir);
    expect(again.notices).toEqual([]);
    expect(again.keys).toEqual(ALL_KEYS);
    await again.store.close();
  });

  it('drops only the record with a flipped byte in the middle and keeps the ones after it', async () => {
    const { dataDir, path } = await folderWithRecords();
    const bytes = await readFile(path);
    const victim = scanFile(bytes, FILE_KIND.docLog).records[4]!;
    bytes[victim.offset + FRAME_BYTES + 20]! ^= 0x01;
    await writeFile(path, bytes);

    const { store, notices, keys } = await reopen(dataDir);
    expect(keys).toEqual(ALL_KEYS.filter((key) => key !== 'k4'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      kind: 'damaged-records-skipped',
      bytesLost: victim.end - victim.offset,
    });
    expect(await readFile(notices[0]!.savedCopyPath!)).toEqual(bytes);
    expect(noticeWords(notices[0]!)).toMatch(/Part of an entry .* was damaged on disk/);
    await store.close();
  });

  it('finds the next record again after a damaged length field', async () => {
    const { dataDir, path } = await folderWithRecords();
    const bytes = await readFile(path);
    const victim = scanFile(bytes, FILE_KIND.docLog).records[2]!;
    bytes[victim.offset + 4] = 0x7f; // the length now points far past the end of the file
    await writeFile(path, bytes);

    const { store, notices, keys } = await reopen(dataDir);
    expect(keys).toEqual(ALL_KEYS.filter((key) => key !== 'k2'));
    expect(notices.map((notice) => notice.kind)).toEqual(['damaged-records-skipped']);
    await store.close();
  });

  it('keeps every whole record of a file cut in the middle of a record', async () => {
    const { dataDir, path } = await folderWithRecords();
    const bytes = await readFile(path);
    const cut = scanFile(bytes, FILE_KIND.docLog).records[7]!;
    await truncate(path, cut.offset + 20);

    const { store, notices, keys } = await reopen(dataDir);
    expect(keys).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6']);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'damaged-tail-dropped', bytesLost: 20 });
    expect(await readFile(notices[0]!.savedCopyPath!)).toEqual(bytes.subarray(0, cut.offset + 20));
    await store.close();
  });

  it('sets aside a file whose header cannot be read and starts the document afresh', async () => {
    const { dataDir, path } = await folderWithRecords();
    const bytes = await readFile(path);
    bytes.write('NOTHEART', 0, 'ascii');
    await writeFile(path, bytes);

    const { store, notices, keys } = await reopen(dataDir);
    expect(keys).toEqual([]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      kind: 'unreadable-file-set-aside',
      bytesLost: bytes.length,
    });
    expect(await readFile(notices[0]!.savedCopyPath!)).toEqual(bytes);
    await expect(stat(path)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(noticeWords(notices[0]!)).toMatch(/could not be read at all/);
    await store.close();
  });

  it('sets aside a file none of whose records open, such as one from another circle', async () => {
    const { dataDir, path } = await folderWithRecords();
    const other = await folderWithRecords();
    const foreign = await readFile(other.path);
    await writeFile(path, foreign);

    const { store, notices, keys } = await reopen(dataDir);
    expect(keys).toEqual([]);
    expect(notices.map((notice) => notice.kind)).toEqual(['unreadable-file-set-aside']);
    expect(await readFile(notices[0]!.savedCopyPath!)).toEqual(foreign);
    await store.close();
  });

  it('refuses a file written by a newer format and leaves it untouched', async () => {
    const { dataDir, path } = await folderWithRecords();
    const bytes = await readFile(path);
    bytes.writeUInt16BE(9, 8);
    const { crc32 } = await import('node:zlib');
    bytes.writeUInt32BE(crc32(bytes.subarray(0, 12)), 12);
    await writeFile(path, bytes);

    const { store, notices } = await openStore(dataDir);
    const [circle] = await store.circles();
    const folder = await store.circle(circle!.profile.circleId);
    await expect(folder.load(ENTRY)).rejects.toMatchObject({
      kind: 'storage-failed',
      message: expect.stringMatching(/newer version of Hearth/) as unknown,
    });
    expect(notices).toEqual([]);
    expect(await readFile(path)).toEqual(bytes);
    await store.close();
  });
});
