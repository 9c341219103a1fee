import { $convertToMarkdownString } from '@lexical/markdown';
import { describe, expect, it } from 'vitest';
import { readEntryBody } from '../../../../shared/export/entryBody';
import { markdownEntryUpdate } from '../../../../shared/export/markdownImport';
import { ENTRY_TRANSFORMERS } from '../../../../shared/notebook/entryMarkdown';
import { openEntryState } from '../../../../shared/notebook/headlessEntry';

function roundTrip(markdown: string): string {
  return readEntryBody(markdownEntryUpdate(markdown)).markdown;
}

// What an editor's collaboration binding reads from the same state, as Markdown.
async function throughTheBinding(state: Uint8Array): Promise<string> {
  const headless = await openEntryState(state);
  try {
    return headless.editor
      .getEditorState()
      .read(() => $convertToMarkdownString(ENTRY_TRANSFORMERS));
  } finally {
    headless.dispose();
  }
}

// Each sample is written in the canonical form (see shared/export/markdownImport.ts).
const CANONICAL: Record<string, string> = {
  paragraphs: 'The room was warm.\n\nThe tea was strong.',
  'heading one': '# Arriving',
  'heading two': '## What I carried in',
  bold: 'I was **tired** tonight.',
  italic: 'It felt *lighter* after.',
  'bold italic': 'This is ***important*** to me.',
  'bulleted list': '- sleep\n- walks\n- calling my sister',
  'numbered list': '1. arrive\n2. listen\n3. speak',
  'nested list': '- morning\n    - tea\n    - quiet\n- evening',
  'nested numbered list': '1. first\n    1. inner\n    2. inner again\n2. second',
  quote: '> Nothing about us without us.',
  link: 'Read [the guide](https://example.org/guide) later.',
  'mail link': 'Write to [Sam](mailto:sam@example.org).',
  everything: [
    '# A week',
    '',
    'Some **bold**, some *italic* and a [link](https://example.org).',
    '',
    '> a quote',
    '',
    '- one',
    '    - one and a half',
    '- two',
  ].join('\n'),
};

describe('Markdown round trip', () => {
  for (const [name, markdown] of Object.entries(CANONICAL)) {
    it(`keeps ${name} exactly from Markdown to entry to Markdown`, async () => {
      expect(roundTrip(markdown)).toBe(markdown);
      // The export's direct reader sees the same entry as an editor does.
      expect(await throughTheBinding(markdownEntryUpdate(markdown))).toBe(markdown);
    });
  }

  it('normalises other spellings to the canonical form', () => {
    expect(roundTrip('__bold__ and _italic_')).toBe('**bold** and *italic*');
    expect(roundTrip('* one\n* two')).toBe('- one\n- two');
    expect(roundTrip('line one\r\nline two')).toBe(roundTrip('line one\nline two'));
  });

  it('imports an empty text as one empty paragraph', () => {
    expect(readEntryBody(markdownEntryUpdate('')).text).toBe('');
  });
});
