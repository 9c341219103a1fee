import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  DocLog,
  DEFAULT_DOC_LOG_TUNING,
} from '../../../../../../electron/main/services/store/docLog';
import { nodeFileSystem } from '../../../../../../electron/main/services/store/fileSystem';
import { recordCipher } from '../../../../../../electron/main/services/store/recordCipher';
import {
  FILE_KIND,
  FORMAT_VERSION,
  RECORD_KIND,
  encodeHeader,
  encodeRecord,
  scanFile,
} from '../../../../../../electron/main/services/store/recordFormat';
import { removeDataDirs, tempDataDir } from './storeFixture';

const KEY = new Uint8Array(32).fill(9);
const cipher = recordCipher(KEY, 'doc/test/format');

async function openLog(path: string, v1Snapshots = false) {
  return DocLog.open({
    fs: nodeFileSystem,
    path,
    cipher,
    tuning: { ...DEFAULT_DOC_LOG_TUNING, commitWindowMs: 0 },
    now: Date.now,
    v1Snapshots,
  });
}

/**
 * Words typed a key at a time from two laptops taking turns, so the items do not merge
 * into one run: the many small items of a real entry.
 */
function typedByTwo(text: string): Y.Doc {
  const typed = new Y.Doc();
  const other = new Y.Doc();
  for (const char of text) {
    const [writer, reader] =
      typed.getText('body').length % 2 === 0 ? [typed, other] : [other, typed];
    writer.getText('body').insert(writer.getText('body').length, char);
    Y.applyUpdate(reader, Y.encodeStateAsUpdate(writer, Y.encodeStateVector(reader)));
  }
  return typed;
}

/** An entry-like document: words typed, some deleted, some formatted, and a map. */
function writtenDoc(): Y.Doc {
  const ydoc = typedByTwo('We walked home slowly after the meeting and talked. '.repeat(4));
  const body = ydoc.getText('body');
  body.delete(3, 7);
  body.format(0, 2, { bold: true });
  ydoc.getMap('meta').set('title', 'Thursday');
  return ydoc;
}

const stateOf = (update: Uint8Array): Uint8Array => {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, update);
  return Y.encodeStateAsUpdate(ydoc);
};

function fileOf(bytes: Uint8Array) {
  return { version: Buffer.from(bytes).readUInt16BE(8), ...scanFile(bytes, FILE_KIND.docLog) };
}

describe('the snapshot format of a document log', () => {
  afterEach(removeDataDirs);

  it('compacts into a Yjs v2 snapshot under a version 2 header and reads back the same document', async () => {
    const path = join(await tempDataDir(), 'doc.hlog');
    const original = writtenDoc();
    const { log } = await openLog(path);
    await log.append(Y.encodeStateAsUpdate(original));
    await log.close();

    const file = fileOf(await readFile(path));
    expect(file.version).toBe(FORMAT_VERSION.snapshotV2);
    expect(file.records.map((record) => record.kind)).toEqual([RECORD_KIND.snapshotV2]);

    const { log: reopened, damage } = await openLog(path);
    expect(damage).toBeNull();
    const loaded = reopened.load()!;
    // In memory, and to every reader, the state is a v1 update as before.
    expect(stateOf(loaded)).toEqual(Y.encodeStateAsUpdate(original));
    const copy = new Y.Doc();
    Y.applyUpdate(copy, loaded);
    expect(copy.getText('body').toDelta()).toEqual(original.getText('body').toDelta());
    await reopened.close();
  });

  it('reads a log an older Hearth wrote, and rewrites it in the current format only when asked', async () => {
    const path = join(await tempDataDir(), 'doc.hlog');
    const original = writtenDoc();
    const snapshot = Y.encodeStateAsUpdate(original);
    const sealed = cipher.seal(RECORD_KIND.snapshot, snapshot);
    const later = new Y.Doc();
    Y.applyUpdate(later, snapshot);
    const before = Y.encodeStateVector(later);
    later.getText('body').insert(0, 'Today: ');
    const tail = Y.encodeStateAsUpdate(later, before);
    const sealedTail = cipher.seal(RECORD_KIND.update, tail);
    const oldFile = Buffer.concat([
      encodeHeader(FILE_KIND.docLog, FORMAT_VERSION.plain),
      encodeRecord(RECORD_KIND.snapshot, sealed.flags, sealed.body),
      encodeRecord(RECORD_KIND.update, sealedTail.flags, sealedTail.body),
    ]);
    await writeFile(path, oldFile);

    const { log, damage } = await openLog(path);
    expect(damage).toBeNull();
    expect(stateOf(log.load()!)).toEqual(Y.encodeStateAsUpdate(later));
    // Reading does not write.
    expect((await stat(path)).size).toBe(oldFile.length);

    await log.compact();
    const file = fileOf(await readFile(path));
    expect(file.version).toBe(FORMAT_VERSION.snapshotV2);
    expect(file.records.map((record) => record.kind)).toEqual([RECORD_KIND.snapshotV2]);
    expect(stateOf(log.load()!)).toEqual(Y.encodeStateAsUpdate(later));
    await log.close();

    const { log: reopened } = await openLog(path);
    expect(stateOf(reopened.load()!)).toEqual(Y.encodeStateAsUpdate(later));
    await reopened.close();
  });

  it('writes whichever snapshot seals smaller: v2 for words typed a key at a time, v1 for a few large items', async () => {
    const dir = await tempDataDir();
    const kindOf = async (name: string, ydoc: Y.Doc): Promise<number> => {
      const path = join(dir, name);
      const { log } = await openLog(path);
      await log.append(Y.encodeStateAsUpdate(ydoc));
      await log.close();
      const { records } = fileOf(await readFile(path));
      expect(records).toHaveLength(1);
      return records[0]!.kind;
    };
    const typed = new Y.Doc();
    const typedBody = typed.getText('body');
    // Typed from two laptops taking turns, so the items do not merge into one run.
    const other = new Y.Doc();
    for (const char of 'we talked about the winter and what helps, a walk, a call, tea. '.repeat(
      4,
    )) {
      const [writer, reader] = typedBody.length % 2 === 0 ? [typed, other] : [other, typed];
      writer.getText('body').insert(writer.getText('body').length, char);
      Y.applyUpdate(reader, Y.encodeStateAsUpdate(writer, Y.encodeStateVector(reader)));
    }
    expect(await kindOf('typed.hlog', typed)).toBe(RECORD_KIND.snapshotV2);
    const pasted = new Y.Doc();
    pasted.getText('body').insert(0, 'One pasted paragraph about the evening. '.repeat(20));
    expect(await kindOf('pasted.hlog', pasted)).toBe(RECORD_KIND.snapshot);
  });

  it('keeps a document read whole at every opening (the index) in v1 snapshots', async () => {
    const path = join(await tempDataDir(), 'index.hlog');
    const { log } = await openLog(path, true);
    await log.append(Y.encodeStateAsUpdate(writtenDoc()));
    await log.close();
    const file = fileOf(await readFile(path));
    expect(file.records.map((record) => record.kind)).toEqual([RECORD_KIND.snapshot]);
  });

  it('sets aside a v2 snapshot that is not a Yjs update, instead of misreading it', async () => {
    const path = join(await tempDataDir(), 'doc.hlog');
    const sealed = cipher.seal(RECORD_KIND.snapshotV2, new Uint8Array(40).fill(7));
    await writeFile(
      path,
      Buffer.concat([
        encodeHeader(FILE_KIND.docLog, FORMAT_VERSION.snapshotV2),
        encodeRecord(RECORD_KIND.snapshotV2, sealed.flags, sealed.body),
      ]),
    );
    const { log, damage } = await openLog(path);
    expect(damage?.kind).toBe('unreadable-file-set-aside');
    expect(log.load()).toBeNull();
    await log.close();
  });
});
