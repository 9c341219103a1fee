import { describe, expect, it } from 'vitest';
import { readEntryBody } from '../../../../shared/export/entryBody';
import { markdownEntryUpdate } from '../../../../shared/export/markdownImport';

async function roundTrip(markdown: string): Promise<string> {
  return (await readEntryBody(markdownEntryUpdate(markdown))).markdown;
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
      expect(await roundTrip(markdown)).toBe(markdown);
    });
  }

  it('normalises other spellings to the canonical form', async () => {
    expect(await roundTrip('__bold__ and _italic_')).toBe('**bold** and *italic*');
    // Lexical remembers a list's marker, so `* ` bullets come back as `* `.
    expect(await roundTrip('* one\n* two')).toBe('* one\n* two');
    expect(await roundTrip('line one\r\nline two')).toBe(await roundTrip('line one\nline two'));
  });

  it('imports an empty text as one empty paragraph', async () => {
    const body = await readEntryBody(markdownEntryUpdate(''));
    expect(body.text).toBe('');
  });
});
