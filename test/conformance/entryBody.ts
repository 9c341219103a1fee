/** Reads and writes an entry body as ENTRY_BODY.md lays it out. */
import * as Y from 'yjs';

type Op = { insert: unknown };

function children(element: Y.XmlText): Op[] {
  return element.toDelta() as Op[];
}

function textOf(element: Y.XmlText): string {
  return children(element)
    .map(({ insert }) => {
      if (typeof insert === 'string') return insert;
      if (insert instanceof Y.XmlText) return textOf(insert);
      if (insert instanceof Y.Map && insert.get('__type') === 'linebreak') return '\n';
      return '';
    })
    .join('');
}

/** The entry's words, one line per block. */
export function entryWords(ydoc: Y.Doc): string {
  return children(ydoc.get('root', Y.XmlText))
    .map(({ insert }) => (insert instanceof Y.XmlText ? textOf(insert) : ''))
    .join('\n');
}

/** Appends `words` to the end of the entry's first paragraph, as a member typing there would. */
export function appendToFirstParagraph(ydoc: Y.Doc, words: string): void {
  const first = children(ydoc.get('root', Y.XmlText)).find(
    ({ insert }) => insert instanceof Y.XmlText,
  );
  if (first === undefined) throw new Error('the entry has no paragraph');
  const paragraph = first.insert as Y.XmlText;
  let offset = 0;
  let hasTextNode = false;
  for (const { insert } of children(paragraph)) {
    offset += typeof insert === 'string' ? insert.length : 1;
    if (insert instanceof Y.Map && insert.get('__type') === 'text') hasTextNode = true;
  }
  ydoc.transact(() => {
    if (!hasTextNode) {
      // A text node: its properties, then its characters.
      const properties = new Y.Map<unknown>();
      paragraph.insertEmbed(offset, properties);
      for (const [key, value] of Object.entries({
        __type: 'text',
        __format: 0,
        __style: '',
        __mode: 0,
        __detail: 0,
      })) {
        properties.set(key, value);
      }
      offset += 1;
    }
    paragraph.insert(offset, words);
  });
}
