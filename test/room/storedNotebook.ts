/**
 * A laptop's notebook as its disk holds it, read without opening the store (which could
 * repair or compact files): every record of the circle's index and entry logs,
 * decrypted with the laptop's own keys, applied to fresh Yjs documents. This is what
 * the laptop would show after a restart, so it is what "saved" has to mean, and what
 * must be identical on every laptop once the meeting is over.
 */
import { readdir, readFile } from 'node:fs/promises';
import * as Y from 'yjs';
import { journalIdIn } from '../../electron/main/services/journal';
import { FileKeyVault } from '../../electron/main/services/keys/fileKeyVault';
import { storeLayout } from '../../electron/main/services/store/layout';
import { docBinding, recordCipher } from '../../electron/main/services/store/recordCipher';
import { storedUpdate } from '../../electron/main/services/store/logRecovery';
import { FILE_KIND, scanFile } from '../../electron/main/services/store/recordFormat';
import { openSealedDataKey } from '../../electron/main/services/store/sealedKey';
import { entryPlainText } from '../../shared/notebook/headlessEntry';
import {
  entryDocId,
  INDEX_DOC_ID,
  type CircleId,
  type DocId,
  type EntryId,
} from '../../shared/notebook/ids';
import { INDEX_LOG, INDEX_ROOT } from '../../shared/notebook/schema';
import { normaliseText } from './screen';

/** One circle as a laptop's disk holds it. */
export interface StoredNotebook {
  circleId: string;
  /** The index document's content as canonical JSON (keys sorted), comparable across laptops. */
  index: string;
  /** Entry id → text (paragraphs as lines), for every entry the index lists. */
  entries: Record<string, string>;
}

/** Reads the one circle of a data folder (throws if there is not exactly one). */
export async function readStoredNotebook(dataDir: string): Promise<StoredNotebook> {
  const layout = storeLayout(dataDir);
  // The private journal is kept like a circle, in a folder of its own; it is never synced.
  const journalId = await journalIdIn(dataDir);
  const circleIds = (await readdir(layout.circles)).filter(
    (name) => !name.startsWith('.') && name !== journalId,
  );
  if (circleIds.length !== 1)
    throw new Error(`${dataDir} holds ${circleIds.length} circles, not 1`);
  const circleId = circleIds[0]! as CircleId;
  const circleDir = layout.circle(circleId);
  const vault = FileKeyVault.inDataDir(dataDir);
  const dataKey = await openSealedDataKey(vault, await readFile(layout.sealedKey(circleDir)));

  const readDoc = async (docId: DocId): Promise<Y.Doc> => {
    const ydoc = new Y.Doc();
    const cipher = recordCipher(dataKey, docBinding(circleId, docId));
    const bytes = await readFile(layout.docLog(circleDir, docId)).catch(() => null);
    if (bytes === null) return ydoc;
    // A torn last record (the host was killed mid-write) is left out, as the store would.
    for (const record of scanFile(new Uint8Array(bytes), FILE_KIND.docLog).records) {
      const update = storedUpdate(record.kind, cipher.open(record.kind, record.flags, record.body));
      if (update !== null) Y.applyUpdate(ydoc, update);
    }
    return ydoc;
  };

  const indexDoc = await readDoc(INDEX_DOC_ID);
  const content: Record<string, unknown> = {};
  for (const name of Object.values(INDEX_ROOT)) content[name] = indexDoc.getMap(name).toJSON();
  for (const name of Object.values(INDEX_LOG)) content[name] = indexDoc.getArray(name).toJSON();
  const entries: Record<string, string> = {};
  for (const entryId of Object.keys(indexDoc.getMap(INDEX_ROOT.entries).toJSON())) {
    const entryDoc = await readDoc(entryDocId(entryId as EntryId));
    entries[entryId] = normaliseText(await entryPlainText(Y.encodeStateAsUpdate(entryDoc)));
    entryDoc.destroy();
  }
  indexDoc.destroy();
  return { circleId, index: canonicalJson(content), entries };
}

/** JSON with every object's keys sorted, so two equal documents print the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : inner,
  );
}
