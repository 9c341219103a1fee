/**
 * How an export reads: every content note appears in every format (the booklet veils
 * the words behind it, paper states it above them), an entry's own headings nest below
 * its byline, and the PDF of a one-meeting circle has no page of fewer than five lines
 * unless it is the only page (no two-line contents page, no last page of one sentence).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildExport, type BuiltExport } from '../../../../shared/export/buildExport';
import { DEFAULT_EXPORT_OPTIONS } from '../../../../shared/export/exportOptions';
import { markdownEntryUpdate } from '../../../../shared/export/markdownImport';
import type { CircleSource } from '../../../../shared/export/readCircle';
import { CircleIndex } from '../../../../shared/notebook/circleIndex';
import { newId, type CircleId, type EntryId, type MemberId } from '../../../../shared/notebook/ids';
import { fileBytes } from '../../../../electron/main/services/exports/saveShell';
import { openPdfPrinter, pdfText, type PdfPrinterHandle } from '../../../helpers/pdfPrinting';

const NOTES = ['mentions a hospital stay', 'talks about losing a parent'];

const PARAGRAPH =
  'The evening was quiet, and we sat a long time before anyone spoke. Someone brought tea, ' +
  'and the cups went round the circle twice before the first words came. ';

/** A circle with one meeting: `entries` Markdown bodies, the first `notes` of them noted. */
function oneMeetingCircle(entries: readonly string[], noted = 0): CircleSource {
  const ydoc = new Y.Doc();
  const ana = newId<MemberId>();
  const index = CircleIndex.found(ydoc, {
    circleId: newId<CircleId>(),
    name: 'Harbour circle',
    founder: { id: ana, name: 'Ana', colour: 'lake', joinedAt: 1 },
    createdAt: 1,
  });
  const meeting = index.addMeeting(
    {
      title: 'A first evening',
      date: '2026-02-05',
      prompts: [{ kind: 'check-in', text: 'How are you arriving tonight?' }],
      createdBy: ana,
    },
    10,
  );
  const states = new Map<EntryId, Uint8Array>();
  entries.forEach((markdown, i) => {
    const id = index.addEntry({ meetingId: meeting, authorId: ana, visibility: 'circle' }, 100 + i);
    if (i < noted) index.setEntryFlags(id, { contentNote: NOTES[i % NOTES.length]! });
    states.set(id, markdownEntryUpdate(markdown));
  });
  const source: CircleSource = {
    indexState: Y.encodeStateAsUpdate(ydoc),
    entryState: (id) => Promise.resolve(states.get(id) ?? null),
    memberId: ana,
  };
  index.dispose();
  return source;
}

const decoder = new TextDecoder();
function fileText(built: BuiltExport): string {
  if (built.kind === 'print') return built.html;
  return built.files.map((file) => decoder.decode(fileBytes(file))).join('\n');
}

let printer: PdfPrinterHandle | null = null;
beforeAll(async () => {
  printer = await openPdfPrinter();
}, 60_000);
afterAll(async () => {
  await printer?.close();
});

/** The lines of text on each page of a printed booklet (pdftotext ends a page with \f). */
async function pdfPages(built: BuiltExport): Promise<string[][]> {
  if (built.kind !== 'print' || printer === null) return [];
  const text = await pdfText(await printer.print(built.html));
  return text
    .split('\f')
    .map((page) => page.split('\n').filter((line) => line.trim() !== ''))
    .filter((lines, i, all) => lines.length > 0 || i < all.length - 1);
}

describe('content notes in exports', () => {
  const source = oneMeetingCircle(
    [`First words ${PARAGRAPH}`, `Second words ${PARAGRAPH}`, 'Third words, with no note.'],
    2,
  );

  it('states each note before the words in Markdown, one file or a folder', async () => {
    for (const format of ['markdown', 'markdown-folder'] as const) {
      const text = fileText(await buildExport(source, format, DEFAULT_EXPORT_OPTIONS));
      for (const note of NOTES) expect(text, format).toContain(`> *Content note: ${note}*`);
      expect(text.indexOf(NOTES[0]!)).toBeLessThan(text.indexOf('First words'));
      expect(text.match(/Content note/g)?.length, format).toBe(2);
    }
  });

  it('veils the words behind each note in the HTML booklet, for the reader to open', async () => {
    const html = fileText(await buildExport(source, 'html', DEFAULT_EXPORT_OPTIONS));
    const veils = html.match(/<details class="veil">[\s\S]*?<\/details>/g) ?? [];
    expect(veils).toHaveLength(2);
    expect(veils[0]).toContain(`<summary><span class="note">Content note: ${NOTES[0]}</span>`);
    expect(veils[0]).toContain('First words');
    expect(veils[1]).toContain(NOTES[1]);
    expect(veils.join('')).not.toContain('Third words');
  });

  it('prints each note above the words in the PDF', async () => {
    const built = await buildExport(source, 'pdf', DEFAULT_EXPORT_OPTIONS);
    expect(fileText(built)).not.toContain('<details');
    if (printer === null) return;
    const text = (await pdfPages(built)).flat().join(' ');
    for (const note of NOTES) expect(text).toContain(`Content note: ${note}`);
    expect(text.indexOf(NOTES[0]!)).toBeLessThan(text.indexOf('First words'));
  }, 60_000);
});

describe('headings inside an entry', () => {
  const source = oneMeetingCircle(['# My week\n\nWords.\n\n## The good part\n\nMore words.']);

  it('nest below the entry’s byline in Markdown', async () => {
    const file = fileText(await buildExport(source, 'markdown', DEFAULT_EXPORT_OPTIONS));
    expect(file).toContain('### By Ana');
    expect(file).toContain('\n#### My week\n');
    expect(file).toContain('\n##### The good part\n');
    expect(file).not.toMatch(/^# My week/m);
    const folder = fileText(await buildExport(source, 'markdown-folder', DEFAULT_EXPORT_OPTIONS));
    expect(folder).toContain('## By Ana');
    expect(folder).toContain('\n### My week\n');
    expect(folder).toContain('\n#### The good part\n');
  });

  it('nest below the entry’s byline in the booklet', async () => {
    const html = fileText(await buildExport(source, 'html', DEFAULT_EXPORT_OPTIONS));
    expect(html).toContain('<h3 id="meeting-1-entry-1">By Ana</h3>');
    expect(html).toContain('<h4>My week</h4>');
    expect(html).toContain('<h5>The good part</h5>');
  });
});

describe('the PDF of a one-meeting circle', () => {
  // From a single short entry to a meeting that runs over several pages, with lengths
  // that used to leave a line or two on a page of their own.
  const shapes: Record<string, string[]> = {
    'one short entry': ['Just a few words tonight.'],
    'three entries': [PARAGRAPH, `${PARAGRAPH}${PARAGRAPH}`, 'Thank you all.'],
    'a page and a bit': Array.from({ length: 7 }, (_, i) => PARAGRAPH.repeat(1 + (i % 3))),
    'several pages': Array.from({ length: 14 }, (_, i) => PARAGRAPH.repeat(1 + (i % 4))),
    'ends on a short line': [...Array.from({ length: 9 }, () => PARAGRAPH.repeat(2)), 'Goodnight.'],
  };

  for (const [shape, entries] of Object.entries(shapes)) {
    it(`has no page of fewer than five lines: ${shape}`, async () => {
      if (printer === null) {
        console.warn('Chromium is not available: the PDF pages are not checked');
        return;
      }
      const built = await buildExport(oneMeetingCircle(entries), 'pdf', DEFAULT_EXPORT_OPTIONS);
      const pages = await pdfPages(built);
      expect(pages.length).toBeGreaterThan(0);
      if (pages.length === 1) return;
      const short = pages
        .map((lines, i) => ({ page: i + 1, lines: lines.length, text: lines.join(' / ') }))
        .filter((page) => page.lines < 5);
      expect(short, `${pages.length} pages`).toEqual([]);
    }, 60_000);
  }
});
