/**
 * The Markdown export: one file for the whole record, or a folder with one file per
 * meeting. Each entry's body is its own Markdown exactly as Lexical writes it (so it
 * imports back into an entry unchanged) except that its headings sit below its byline;
 * around it, the record's outline is `#` for the circle (or the meeting, in a folder),
 * `##` for meetings and `###` for each byline. A content note is stated before the words.
 */
import type { ExportEntry, ExportMeeting, ExportableCircle } from './exportModel';
import {
  BOOKLET_WORDS as words,
  DEFAULT_LOCALE,
  bylineWords,
  contentNoteWords,
  dateRangeWords,
  dateWords,
  promptKindWords,
  timeWords,
  type BookletLocale,
} from './bookletWords';

/** One file of an export, its path relative to where the member saves it. */
export interface ExportFile {
  path: string;
  contents: string | Uint8Array;
}

/** The whole record as one Markdown file. */
export function markdownFile(
  circle: ExportableCircle,
  locale: BookletLocale = DEFAULT_LOCALE,
): ExportFile {
  const parts = [`# ${oneLine(circle.name)}`];
  if (circle.onlyMine) parts.push(`*${words.ownWords}*`);
  if (circle.dateRange !== null) parts.push(dateRangeWords(circle.dateRange, locale));
  for (const meeting of circle.meetings) parts.push(meetingMarkdown(meeting, '##', locale));
  if (circle.journal.length > 0) parts.push(journalMarkdown(circle.journal, '##', locale));
  return { path: `${slug(circle.name, 'circle')}.md`, contents: `${parts.join('\n\n')}\n` };
}

/** The record as a folder: one Markdown file per meeting (and the journal), in date order. */
export function markdownFolder(
  circle: ExportableCircle,
  locale: BookletLocale = DEFAULT_LOCALE,
): ExportFile[] {
  const folder = slug(circle.name, 'circle');
  const width = String(circle.meetings.length).length;
  const files = circle.meetings.map((meeting, i) => ({
    path: `${folder}/${String(i + 1).padStart(Math.max(2, width), '0')}-${meeting.date}-${slug(meeting.title, 'meeting')}.md`,
    contents: `${meetingMarkdown(meeting, '#', locale)}\n`,
  }));
  if (circle.journal.length > 0) {
    files.push({
      path: `${folder}/journal.md`,
      contents: `${journalMarkdown(circle.journal, '#', locale)}\n`,
    });
  }
  return files;
}

function meetingMarkdown(meeting: ExportMeeting, level: '#' | '##', locale: BookletLocale): string {
  const parts = [`${level} ${oneLine(meeting.title)}`, `*${dateWords(meeting.date, locale)}*`];
  for (const prompt of meeting.prompts) {
    parts.push(`**${promptKindWords(prompt.kind)}:** ${oneLine(prompt.text)}`);
  }
  for (const entry of meeting.entries) parts.push(entryMarkdown(entry, `${level}#`, locale));
  return parts.join('\n\n');
}

function journalMarkdown(
  journal: readonly ExportEntry[],
  level: '#' | '##',
  locale: BookletLocale,
): string {
  return [
    `${level} ${words.journal}`,
    ...journal.map((e) => entryMarkdown(e, `${level}#`, locale)),
  ].join('\n\n');
}

function entryMarkdown(entry: ExportEntry, level: string, locale: BookletLocale): string {
  const parts = [
    `${level} ${oneLine(bylineWords(entry.byline))} · ${timeWords(entry.createdAt, locale)}`,
  ];
  if (entry.contentNote !== null) parts.push(`> *${oneLine(contentNoteWords(entry.contentNote))}*`);
  parts.push(nestHeadings(entry.markdown, level.length));
  if (entry.reactions.length > 0) {
    const said = entry.reactions.map((r) => {
      const names = r.names === null || r.names.length === 0 ? '' : ` (${r.names.join(', ')})`;
      return `${r.label} · ${r.count}${names}`;
    });
    parts.push(`*${words.reactions}: ${said.join('; ')}*`);
  }
  return parts.join('\n\n');
}

/**
 * An entry's own headings moved below its byline (at `bylineLevel`): its `#` becomes one
 * level deeper than the byline, and so on, to Markdown's deepest level, six. Lexical
 * writes a heading only at the start of a line of its own, and entries hold no code.
 */
export function nestHeadings(markdown: string, bylineLevel: number): string {
  return markdown.replace(/^(#{1,6}) /gm, (_whole, marks: string) => {
    return `${'#'.repeat(Math.min(6, bylineLevel + marks.length))} `;
  });
}

// A title or a name is one line of Markdown: a newline in it would start a new block.
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A file-name-safe form of `text` (ASCII letters, digits and dashes), or `fallback`. */
export function slug(text: string, fallback: string): string {
  const made = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return made === '' ? fallback : made;
}
