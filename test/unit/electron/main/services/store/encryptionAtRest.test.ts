import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $isParagraphNode,
  $isTextNode,
  type ParagraphNode,
} from 'lexical';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bindHeadlessEntry, entryPlainText } from '../../../../../../shared/notebook/headlessEntry';
import type { DocId } from '../../../../../../shared/notebook/ids';
import { FILE_KIND, scanFile } from '../../../../../../electron/main/services/store/recordFormat';
import {
  crashCopy,
  emptyState,
  filesUnder,
  noteKeys,
  noteUpdate,
  openStore,
  removeDataDirs,
  tempDataDir,
  testCircle,
  unsyncedFileSystem,
} from './storeFixture';
import { capturedLogs } from '../../../../../helpers/capturedLogs';

const PHRASE = 'the lighthouse keeper never told anyone about March';
const PROSE =
  'We talked about how hard the winter has been, and about small things that help: a walk, a call, a cup of tea with someone who listens. Sometimes it is enough to be heard. I noticed that I breathe easier after our meetings. ';

async function bytesUnder(dataDir: string): Promise<number> {
  let total = 0;
  for (const bytes of (await filesUnder(dataDir)).values()) total += bytes.length;
  return total;
}

/** Types `text` into a new entry through Lexical's binding, one character per update. */
async function typeEntry(text: string, append: (update: Uint8Array) => Promise<void>) {
  const ydoc = new Y.Doc();
  // Bound before anything is written: the binding renders only changes made after it attaches.
  const headless = bindHeadlessEntry(ydoc);
  const updates: Uint8Array[] = [];
  ydoc.on('update', (update: Uint8Array) => updates.push(update));
  for (const char of text) {
    headless.editor.update(
      () => {
        const root = $getRoot();
        const lastChild = root.getLastChild();
        let paragraph: ParagraphNode;
        if ($isParagraphNode(lastChild)) {
          paragraph = lastChild;
        } else {
          paragraph = $createParagraphNode();
          root.append(paragraph);
        }
        const last = paragraph.getLastChild();
        if ($isTextNode(last)) last.setTextContent(last.getTextContent() + char);
        else paragraph.append($createTextNode(char));
      },
      { discrete: true },
    );
    for (const update of updates.splice(0)) await append(update);
  }
  headless.dispose();
  expect(await entryPlainText(Y.encodeStateAsUpdate(ydoc))).toBe(text);
}

describe('what the store puts on disk', () => {
  capturedLogs();
  afterEach(async () => {
    await removeDataDirs();
  });

  it('contains none of the plaintext written, in the log or after compaction', async () => {
    const dataDir = await tempDataDir();
    const { store } = await openStore(dataDir, { tuning: { commitWindowMs: 1 } });
    const circle = testCircle('Lantern Keepers of Tuesday');
    circle.profile.memberName = 'Marguerite Oakhollow';
    const folder = await store.createCircle(circle, emptyState());
    const entry = 'entryAAAAAAAAAAAAAAAAA' as DocId;
    await typeEntry(`${PHRASE}. `, (update) => folder.append(entry, update));
    const pasted = new Y.Doc();
    pasted.getText('pasted').insert(0, `${PHRASE} ${PROSE}`.repeat(20));
    await folder.append('index' as DocId, Y.encodeStateAsUpdate(pasted));

    const secrets = [
      PHRASE,
      'lighthouse',
      'Lantern Keepers',
      'Marguerite',
      circle.profile.circleKey,
    ];
    const assertNoSecrets = async (when: string) => {
      const files = await filesUnder(dataDir);
      expect(files.size).toBeGreaterThan(3);
      for (const [path, bytes] of files) {
        for (const secret of secrets) {
          for (const encoding of ['utf8', 'utf16le'] as const) {
            expect(
              bytes.includes(Buffer.from(secret, encoding)),
              `${secret} in ${path} ${when}`,
            ).toBe(false);
          }
        }
      }
    };
    await assertNoSecrets('while logging');
    await store.close();
    await assertNoSecrets('after compaction');
  });

  it('refuses a record copied into another document of the circle', async () => {
    const source = await tempDataDir();
    const { store } = await openStore(source, { tuning: { commitWindowMs: 1 } });
    const circle = testCircle();
    const folder = await store.createCircle(circle, emptyState());
    const first = 'firstAAAAAAAAAAAAAAAAA' as DocId;
    const second = 'secondAAAAAAAAAAAAAAAA' as DocId;
    await folder.append(first, noteUpdate('kept', 'mine'));
    await folder.append(second, noteUpdate('other', 'theirs'));
    const dataDir = await crashCopy(source);
    await store.close();

    const docs = join(dataDir, 'circles', circle.profile.circleId, 'docs');
    const stolen = await readFile(join(docs, `${second}.hlog`));
    const record = scanFile(stolen, FILE_KIND.docLog).records.at(-1)!;
    const target = join(docs, `${first}.hlog`);
    await writeFile(
      target,
      Buffer.concat([await readFile(target), stolen.subarray(record.offset)]),
    );

    const reopened = await openStore(dataDir);
    const loaded = await (await reopened.store.circle(circle.profile.circleId)).load(first);
    expect(noteKeys(loaded)).toEqual(['kept']);
    expect(reopened.notices.map((notice) => notice.kind)).toEqual(['damaged-records-skipped']);
    await reopened.store.close();
  });

  it('takes at most 1.6 times the text of a notebook typed keystroke by keystroke', async () => {
    const dataDir = await tempDataDir();
    // Every keystroke its own record (the worst case), without waiting for real fsyncs.
    const fs = unsyncedFileSystem;
    const { store } = await openStore(dataDir, { fs, tuning: { commitWindowMs: 0 } });
    const folder = await store.createCircle(testCircle(), emptyState());
    let typed = '';
    const entries = ['oneAAAAAAAAAAAAAAAAAAA', 'twoAAAAAAAAAAAAAAAAAAA', 'threeAAAAAAAAAAAAAAAAA'];
    for (const entry of entries) {
      const text = PROSE.repeat(5);
      await typeEntry(text, (update) => folder.append(entry as DocId, update));
      typed += text;
    }
    const textBytes = Buffer.byteLength(typed, 'utf8');
    const whileTyping = (await bytesUnder(dataDir)) / textBytes;
    await store.flush();
    const afterFlush = (await bytesUnder(dataDir)) / textBytes;
    await store.close();
    const afterClose = (await bytesUnder(dataDir)) / textBytes;
    console.info(
      `bytes on disk / text bytes (${textBytes} bytes typed): while typing ${whileTyping.toFixed(2)}, after flush ${afterFlush.toFixed(2)}, after close ${afterClose.toFixed(2)}`,
    );
    const reopened = await openStore(dataDir);
    const stored = await reopened.store.circle(folder.circle.profile.circleId);
    for (const entry of entries) {
      expect(await entryPlainText((await stored.load(entry as DocId))!)).toBe(PROSE.repeat(5));
    }
    await reopened.store.close();
    expect(whileTyping).toBeLessThanOrEqual(1.6);
    expect(afterFlush).toBeLessThanOrEqual(1.6);
    expect(afterClose).toBeLessThanOrEqual(1.6);
  }, 60_000);
});
