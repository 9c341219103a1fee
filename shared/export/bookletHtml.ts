/**
 * The HTML booklet: one self-contained file (inline styles, no scripts, no external
 * requests of any kind — its own Content-Security-Policy forbids them), with a cover,
 * a table of contents with in-page links, then each meeting with its prompts and
 * entries. Landmarks: banner (cover), contentinfo (its colophon, under the cover so it
 * never ends the printed booklet alone on a page), navigation (contents, when there is
 * more than one part to find), main. Headings: h1 circle, h2 contents and meetings, h3
 * prompts and bylines, h4–h6 inside entries. An entry with a content note is veiled: the
 * note shows, and the reader opens the words (<details>); printed, the note stands
 * before the words. Built as text, without a DOM; every word from the notebook is escaped.
 */
import type { ExportEntry, ExportMeeting, ExportableCircle } from './exportModel';
import { blocksHtml } from './bodyHtml';
import { bookletStyles, type PaperSize } from './bookletStyles';
import {
  BOOKLET_WORDS as words,
  DEFAULT_LOCALE,
  bylineWords,
  contentNoteWords,
  countWords,
  dateRangeWords,
  dateWords,
  promptKindWords,
  timeWords,
  type BookletLocale,
} from './bookletWords';
import { escapeHtml } from './htmlText';

/** How the booklet is laid out. */
export interface BookletLayout {
  locale: BookletLocale;
  paper: PaperSize;
  /** 'print' for the PDF: nothing to open on paper, so veils are notes above the words. */
  medium?: 'screen' | 'print';
}

const DEFAULT_LAYOUT: BookletLayout = { locale: DEFAULT_LOCALE, paper: 'A4' };

// Nothing may be fetched; links can still be followed by the reader.
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'";

/** The whole booklet as one HTML document. */
export function bookletHtml(
  circle: ExportableCircle,
  layout: BookletLayout = DEFAULT_LAYOUT,
): string {
  const { locale } = layout;
  const veiled = layout.medium !== 'print';
  const title = escapeHtml(circle.name);
  const entryCount =
    circle.meetings.reduce((sum, meeting) => sum + meeting.entries.length, 0) +
    circle.journal.length;
  const dates = circle.dateRange === null ? '' : dateRangeWords(circle.dateRange, locale);
  const kicker = circle.onlyMine ? words.ownWords : '';
  const toc = circle.meetings.map(
    (meeting, i) =>
      `<li><a href="#meeting-${i + 1}">${escapeHtml(meeting.title)}</a> <span class="when">${escapeHtml(dateWords(meeting.date, locale))}</span></li>`,
  );
  if (circle.journal.length > 0)
    toc.push(`<li><a href="#journal">${escapeHtml(words.journal)}</a></li>`);
  // One part needs no contents: a page listing it would hold two lines.
  const contents =
    toc.length < 2
      ? ''
      : `<nav class="contents" aria-labelledby="contents-title">
<h2 id="contents-title">${escapeHtml(words.contents)}</h2>
<ol>
${toc.join('\n')}
</ol>
</nav>
`;
  return `<!doctype html>
<html lang="${escapeHtml(locale.lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Hearth">
<title>${circle.onlyMine ? `${escapeHtml(words.ownWords)} · ` : ''}${title}</title>
<style>
${bookletStyles(layout.paper)}
</style>
</head>
<body class="${toc.length < 2 ? 'short' : 'long'}">
<header class="cover">
${kicker === '' ? '' : `<p class="kicker">${escapeHtml(kicker)}</p>\n`}<h1>${title}</h1>
${dates === '' ? '' : `<p class="dates">${escapeHtml(dates)}</p>\n`}<p class="counts">${escapeHtml(countWords('meetings', circle.meetings.length))} · ${escapeHtml(countWords('entries', entryCount))}</p>
</header>
<footer class="colophon">
<p>${escapeHtml(words.made)}</p>
</footer>
${contents}<main>
${circle.meetings.map((meeting, i) => meetingHtml(meeting, i + 1, locale, veiled)).join('\n')}
${circle.journal.length === 0 ? '' : journalHtml(circle.journal, locale, veiled)}
</main>
</body>
</html>
`;
}

function meetingHtml(
  meeting: ExportMeeting,
  n: number,
  locale: BookletLocale,
  veiled: boolean,
): string {
  const id = `meeting-${n}`;
  const prompts =
    meeting.prompts.length === 0
      ? ''
      : `<section class="prompts" aria-labelledby="${id}-prompts">
<h3 id="${id}-prompts">${escapeHtml(words.prompts)}</h3>
<dl>
${meeting.prompts.map((p) => `<dt>${escapeHtml(promptKindWords(p.kind))}</dt><dd>${escapeHtml(p.text)}</dd>`).join('\n')}
</dl>
</section>`;
  const entries =
    meeting.entries.length === 0
      ? `<p class="empty">${escapeHtml(words.nothingWritten)}</p>`
      : meeting.entries
          .map((entry, i) => entryHtml(entry, `${id}-entry-${i + 1}`, locale, veiled))
          .join('\n');
  return `<section class="meeting" id="${id}" aria-labelledby="${id}-title">
<h2 id="${id}-title">${escapeHtml(meeting.title)}</h2>
<p class="date"><time datetime="${escapeHtml(meeting.date)}">${escapeHtml(dateWords(meeting.date, locale))}</time></p>
${prompts}
${entries}
</section>`;
}

function journalHtml(
  journal: readonly ExportEntry[],
  locale: BookletLocale,
  veiled: boolean,
): string {
  return `<section class="meeting" id="journal" aria-labelledby="journal-title">
<h2 id="journal-title">${escapeHtml(words.journal)}</h2>
${journal.map((entry, i) => entryHtml(entry, `journal-entry-${i + 1}`, locale, veiled)).join('\n')}
</section>`;
}

function entryHtml(entry: ExportEntry, id: string, locale: BookletLocale, veiled: boolean): string {
  const at = new Date(entry.createdAt).toISOString();
  const reactions =
    entry.reactions.length === 0
      ? ''
      : `<ul class="reactions" aria-label="${escapeHtml(words.reactions)}">${entry.reactions
          .map((r) => {
            const names =
              r.names === null || r.names.length === 0 ? '' : ` (${r.names.join(', ')})`;
            return `<li>${escapeHtml(`${r.label} · ${r.count}${names}`)}</li>`;
          })
          .join('')}</ul>`;
  return `<article class="entry" aria-labelledby="${id}">
<header><h3 id="${id}">${escapeHtml(bylineWords(entry.byline))}</h3> <time datetime="${at}">${escapeHtml(timeWords(entry.createdAt, locale))}</time></header>
${bodyHtml(entry, veiled)}
${reactions}
</article>`;
}

// The words, behind their writer's content note when there is one.
function bodyHtml(entry: ExportEntry, veiled: boolean): string {
  const body = blocksHtml(entry.blocks, 4);
  if (entry.contentNote === null) return body;
  const note = escapeHtml(contentNoteWords(entry.contentNote));
  if (!veiled) return `<p class="note">${note}</p>\n${body}`;
  return `<details class="veil">
<summary><span class="note">${note}</span> <span class="open">${escapeHtml(words.openVeiled)}</span></summary>
${body}
</details>`;
}
