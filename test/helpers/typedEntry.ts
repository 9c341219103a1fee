/**
 * An entry body typed by a few writers, with new paragraphs, deletions and formatting, grown
 * to a given size: a realistic long entry for measuring what a peer's keystroke costs.
 */
import * as Y from 'yjs';
import { ENTRY_BODY_ROOT } from '../../shared/notebook/schema';
import type { SeededRandom } from './seededRandom';

/** An entry body typed by writers 100–103 until its state is at least `bytes` long. */
export function typedEntry(random: SeededRandom, bytes: number): Y.Doc {
  const ydoc = new Y.Doc();
  const root = ydoc.get(ENTRY_BODY_ROOT, Y.XmlText);
  let paragraph = new Y.XmlText();
  root.insertEmbed(0, paragraph);
  for (let step = 0; Y.encodeStateAsUpdate(ydoc).length < bytes; step++) {
    ydoc.clientID = 100 + random.int(0, 3);
    for (let i = 0; i < 200; i++) {
      const roll = random.next();
      if (roll < 0.01) {
        paragraph = new Y.XmlText();
        root.insertEmbed(root.length, paragraph);
        paragraph.setAttribute('__type', 'paragraph');
      } else if (roll < 0.05 && paragraph.length > 10) {
        paragraph.delete(random.int(0, paragraph.length - 4), 3);
      } else if (roll < 0.06 && paragraph.length > 10) {
        paragraph.format(random.int(0, paragraph.length - 6), 5, { __format: 1 });
      } else {
        paragraph.insert(paragraph.length, random.pick(['a', 'b', 'c', ' ', 'é']));
      }
    }
  }
  return ydoc;
}

/**
 * `count` single-character keystrokes a second writer (client 999) types at random places
 * in `entry`, each as the update Yjs sends for it.
 */
export function keystrokesInto(entry: Y.Doc, random: SeededRandom, count: number): Uint8Array[] {
  const peer = new Y.Doc();
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(entry));
  peer.clientID = 999;
  const keystrokes: Uint8Array[] = [];
  peer.on('update', (update: Uint8Array) => keystrokes.push(update));
  const delta = peer.get(ENTRY_BODY_ROOT, Y.XmlText).toDelta() as { insert: unknown }[];
  const paragraphs = delta
    .map((op) => op.insert)
    .filter((insert): insert is Y.XmlText => insert instanceof Y.XmlText);
  for (let i = 0; i < count; i++) {
    const paragraph = random.pick(paragraphs);
    paragraph.insert(random.int(0, paragraph.length), 'k');
  }
  return keystrokes;
}
