/**
 * Reads what a laptop keeps on its disk, the way an investigator with the laptop (and
 * its key) would: every record of every document file of every circle and the journal,
 * decrypted, without opening the store (which could repair or compact files). Used to
 * show that words are absent from a laptop's disk — not merely hidden.
 *
 * The text is gathered from every Yjs struct in every record, deleted ones included,
 * each writer's text in clock order, so a phrase typed key by key is found whole.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as Y from 'yjs';
import { FileKeyVault } from '../../electron/main/services/keys/fileKeyVault';
import { storeLayout } from '../../electron/main/services/store/layout';
import { docBinding, recordCipher } from '../../electron/main/services/store/recordCipher';
import { storedUpdate } from '../../electron/main/services/store/logRecovery';
import { FILE_KIND, scanFile } from '../../electron/main/services/store/recordFormat';
import { openSealedDataKey } from '../../electron/main/services/store/sealedKey';

/** Every word a data folder holds in its document files, per file. */
export async function storedTexts(dataDir: string): Promise<Map<string, string>> {
  const layout = storeLayout(dataDir);
  const vault = FileKeyVault.inDataDir(dataDir);
  const texts = new Map<string, string>();
  const circleIds = (await readdir(layout.circles).catch(() => [])).filter(
    (name) => !name.startsWith('.'),
  );
  for (const circleId of circleIds) {
    const circleDir = layout.circle(circleId as never);
    const dataKey = await openSealedDataKey(vault, await readFile(layout.sealedKey(circleDir)));
    const docsDir = layout.docs(circleDir);
    for (const name of await readdir(docsDir).catch(() => [])) {
      const docId = name.split('.')[0]!;
      const cipher = recordCipher(dataKey, docBinding(circleId, docId));
      const bytes = new Uint8Array(await readFile(join(docsDir, name)));
      const runs = new Map<number, { clock: number; text: string }[]>();
      for (const record of scanFile(bytes, FILE_KIND.docLog).records) {
        const update = storedUpdate(
          record.kind,
          cipher.open(record.kind, record.flags, record.body),
        );
        if (update === null) continue;
        for (const struct of Y.decodeUpdate(update).structs) {
          if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) continue;
          const list = runs.get(struct.id.client) ?? [];
          list.push({ clock: struct.id.clock, text: struct.content.str });
          runs.set(struct.id.client, list);
        }
      }
      const text = [...runs.values()]
        .map((list) =>
          list
            .sort((a, b) => a.clock - b.clock)
            .filter((run, index, sorted) => index === 0 || run.clock !== sorted[index - 1]!.clock)
            .map((run) => run.text)
            .join(''),
        )
        .join('\n');
      texts.set(`${circleId}/${name}`, text);
    }
  }
  return texts;
}

/** The files of a data folder whose words include `phrase`. */
export async function filesHolding(dataDir: string, phrase: string): Promise<string[]> {
  const texts = await storedTexts(dataDir);
  return [...texts].filter(([, text]) => text.includes(phrase)).map(([file]) => file);
}

/** A circle's index document as this laptop's disk holds it (read-only). */
export async function storedIndexDoc(dataDir: string, circleId: string): Promise<Y.Doc> {
  const layout = storeLayout(dataDir);
  const circleDir = layout.circle(circleId as never);
  const vault = FileKeyVault.inDataDir(dataDir);
  const dataKey = await openSealedDataKey(vault, await readFile(layout.sealedKey(circleDir)));
  const cipher = recordCipher(dataKey, docBinding(circleId, 'index'));
  const bytes = new Uint8Array(await readFile(layout.docLog(circleDir, 'index' as never)));
  const ydoc = new Y.Doc();
  for (const record of scanFile(bytes, FILE_KIND.docLog).records) {
    const update = cipher.open(record.kind, record.flags, record.body);
    if (update !== null) Y.applyUpdate(ydoc, update);
  }
  return ydoc;
}
