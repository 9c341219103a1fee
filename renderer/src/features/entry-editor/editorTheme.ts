/** Class names Lexical puts on an entry's elements (styled in styles/editor.css). */
import type { EditorThemeClasses } from 'lexical';

/** The entry editor's theme. */
export const ENTRY_EDITOR_THEME: EditorThemeClasses = {
  paragraph: 'entry-text__paragraph',
  heading: { h1: 'entry-text__h1', h2: 'entry-text__h2', h3: 'entry-text__h3' },
  quote: 'entry-text__quote',
  list: {
    ul: 'entry-text__ul',
    ol: 'entry-text__ol',
    listitem: 'entry-text__li',
    nested: { listitem: 'entry-text__li--nested' },
  },
  link: 'entry-text__link',
  collaboration: {
    cursor: 'collab-cursor',
    cursorName: 'collab-cursor__name',
    selection: 'collab-selection',
    selectionBg: 'collab-selection__bg',
  },
  text: {
    bold: 'entry-text__bold',
    italic: 'entry-text__italic',
    underline: 'entry-text__underline',
    strikethrough: 'entry-text__strike',
    underlineStrikethrough: 'entry-text__underline-strike',
  },
};
