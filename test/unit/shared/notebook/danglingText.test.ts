import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { repairDanglingText } from '../../../../shared/notebook/danglingText';
import {
  bindHeadlessEntry,
  entryPlainText,
  openEntryState,
} from '../../../../shared/notebook/headlessEntry';
import { PEER_ORIGIN } from '../../../../shared/notebook/origins';

// An edit made the way the app makes it: in an editor replica, copied into the live document.
async function editLive(live: Y.Doc, edit: () => void): Promise<void> {
  const replica = await openEntryState(Y.encodeStateAsUpdate(live));
  const before = Y.encodeStateVector(replica.ydoc);
  replica.editor.update(edit, { discrete: true });
  Y.applyUpdate(live, Y.encodeStateAsUpdate(replica.ydoc, before));
  replica.dispose();
}

async function twoLaptopsWithOneWord(): Promise<[Y.Doc, Y.Doc]> {
  const seed = new Y.Doc();
  const headless = bindHeadlessEntry(seed);
  headless.editor.update(
    () => $getRoot().append($createParagraphNode().append($createTextNode('abc'))),
    {
      discrete: true,
    },
  );
  headless.dispose();
  const [first, second] = [new Y.Doc(), new Y.Doc()];
  for (const doc of [first, second]) Y.applyUpdate(doc, Y.encodeStateAsUpdate(seed));
  // Apart: one member types at the start of the word, the other selects it and types over it.
  await editLive(first, () => $getRoot().getAllTextNodes()[0]!.select(0, 0).insertText('123'));
  await editLive(second, () => $getRoot().getAllTextNodes()[0]!.select(0, 3).insertText('456'));
  return [first, second];
}

function exchange(a: Y.Doc, b: Y.Doc, repair: boolean): void {
  const fromA = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const fromB = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(a, fromB, PEER_ORIGIN);
  if (repair) repairDanglingText(a, 'repair');
  Y.applyUpdate(b, fromA, PEER_ORIGIN);
  if (repair) repairDanglingText(b, 'repair');
}

describe('words typed apart into one paragraph', () => {
  it('are lost by the editor binding alone (lexical#5693) — the case this guards', async () => {
    const [first, second] = await twoLaptopsWithOneWord();
    exchange(first, second, false);
    const shown = await entryPlainText(Y.encodeStateAsUpdate(first));
    expect(shown.includes('123') && shown.includes('456')).toBe(false);
  });

  it('are all kept once dangling text gets a text node of its own, on both laptops alike', async () => {
    const [first, second] = await twoLaptopsWithOneWord();
    exchange(first, second, true);
    // Both repaired; let them see each other's repair too.
    exchange(first, second, true);
    const [shownFirst, shownSecond] = await Promise.all(
      [first, second].map((doc) => entryPlainText(Y.encodeStateAsUpdate(doc))),
    );
    expect(shownFirst).toContain('123');
    expect(shownFirst).toContain('456');
    expect(shownSecond).toBe(shownFirst);
  });

  it('leaves a document with nothing dangling untouched', async () => {
    const [first] = await twoLaptopsWithOneWord();
    expect(repairDanglingText(first, 'repair')).toBe(0);
  });
});
