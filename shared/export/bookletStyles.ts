/**
 * The booklet's one stylesheet, inlined into the file (no fonts, images or anything
 * else fetched). Light paper on screen and white paper in print, whatever theme the app
 * was in; a serif at a comfortable measure. Printed: the cover, its colophon and the
 * contents share the first page; each meeting of a longer booklet starts a new page,
 * while a one-meeting booklet flows on from its cover (no page of two lines); a byline
 * never ends a page, and no paragraph is split.
 */

/** Paper sizes the booklet can be printed on. */
export type PaperSize = 'A4' | 'letter';

/** The stylesheet for `paper`. */
export function bookletStyles(paper: PaperSize): string {
  return `
:root { color-scheme: light; --ink: #2b2521; --soft: #6b5f57; --rule: #e3d8cc; --accent: #9a4a2c; --paper: #fbf7f2; --tint: #f3ece3; }
* { box-sizing: border-box; }
html { background: var(--paper); }
body { margin: 0 auto; max-width: 40rem; padding: 3rem 1.5rem 4rem; color: var(--ink); background: var(--paper);
  font-family: "Iowan Old Style", "Palatino Linotype", Palatino, "Book Antiqua", Georgia, "Noto Serif", "DejaVu Serif", serif;
  font-size: 1.0625rem; line-height: 1.6; font-kerning: normal; hyphens: auto; overflow-wrap: break-word; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; font-weight: 600; margin: 1.6em 0 0.5em; }
a { color: var(--accent); text-decoration-thickness: 1px; text-underline-offset: 2px; }
.cover { min-height: 70vh; display: flex; flex-direction: column; justify-content: center; text-align: center; border-bottom: 1px solid var(--rule); margin-bottom: 2rem; }
.cover h1 { font-size: 2.6rem; font-weight: 500; margin: 0.3em 0; letter-spacing: 0.01em; }
.cover .kicker { text-transform: uppercase; letter-spacing: 0.18em; font-size: 0.8rem; color: var(--soft); margin: 0; }
.cover .dates { font-style: italic; margin: 0.5rem 0 0; }
.cover .counts { color: var(--soft); font-size: 0.95rem; margin: 0.25rem 0 0; }
.contents h2 { font-size: 1.3rem; }
.contents ol { list-style: none; padding: 0; margin: 0; }
.contents li { display: flex; gap: 1rem; justify-content: space-between; padding: 0.35rem 0; border-bottom: 1px dotted var(--rule); }
.contents .when { color: var(--soft); font-size: 0.9rem; white-space: nowrap; }
.meeting { margin-top: 3.5rem; }
.meeting > h2 { font-size: 1.7rem; font-weight: 500; margin-bottom: 0.1em; }
.meeting .date { color: var(--soft); font-style: italic; margin: 0 0 1.25rem; }
.prompts { background: var(--tint); border-radius: 6px; padding: 0.75rem 1.1rem; margin: 0 0 1.75rem; }
.prompts h3 { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.14em; color: var(--soft); margin: 0.2rem 0 0.4rem; }
.prompts dl { margin: 0; }
.prompts dt { font-weight: 600; font-size: 0.9rem; margin-top: 0.4rem; }
.prompts dd { margin: 0 0 0.3rem; font-style: italic; }
.entry { border-top: 1px solid var(--rule); padding: 1.1rem 0 0.6rem; }
.entry > header { display: flex; align-items: baseline; justify-content: space-between; gap: 1rem; }
.entry > header h3 { font-size: 1rem; margin: 0 0 0.5rem; font-weight: 600; }
.entry > header time { color: var(--soft); font-size: 0.9rem; }
.entry p { margin: 0 0 0.8em; }
.entry h4 { font-size: 1.2rem; } .entry h5 { font-size: 1.08rem; } .entry h6 { font-size: 1rem; }
.entry blockquote { margin: 0.8em 0; padding: 0 0 0 1rem; border-left: 3px solid var(--rule); color: var(--soft); font-style: italic; }
.entry ul, .entry ol { margin: 0 0 0.8em; padding-left: 1.5rem; }
.entry .note { font-style: italic; color: var(--soft); margin: 0 0 0.6em; }
.veil { margin: 0 0 0.8em; }
.veil > summary { cursor: pointer; padding: 0.5rem 0.8rem; background: var(--tint); border-radius: 6px; }
.veil > summary .note { display: inline; margin: 0; }
.veil > summary .open { font-size: 0.9rem; color: var(--accent); white-space: nowrap; }
.veil[open] > summary { margin-bottom: 0.8em; }
.entry .reactions { list-style: none; padding: 0; margin: 0.4rem 0 0; display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; font-size: 0.85rem; color: var(--soft); }
.empty { color: var(--soft); font-style: italic; }
.colophon { margin: -1rem 0 2.5rem; color: var(--soft); font-size: 0.85rem; text-align: center; }
.colophon p { margin: 0; }
.short .cover { min-height: 0; padding: 2rem 0; }
@page { size: ${paper === 'letter' ? 'letter' : 'A4'} portrait; margin: 22mm 20mm 24mm; }
@media print {
  :root { --paper: #ffffff; --tint: #f5f1ec; --ink: #1c1815; }
  html, body { background: #ffffff; }
  body { max-width: none; padding: 0; font-size: 11pt; line-height: 1.5; orphans: 3; widows: 3; }
  a { color: inherit; }
  .cover { min-height: 0; padding: 60mm 0 12mm; border: none; margin: 0; break-after: avoid; }
  .short .cover { padding: 10mm 0 8mm; border-bottom: 1px solid var(--rule); margin-bottom: 8mm; }
  .colophon { margin: 0 0 12mm; break-after: avoid; }
  .short .colophon { margin: 0 0 8mm; }
  .long .meeting { break-before: page; margin-top: 0; }
  .short .meeting { margin-top: 0; }
  /* An entry flows across pages like a book: keeping a 400-word entry whole would leave
     half-empty pages behind it. Its byline stays with its first lines, and paragraphs,
     list items and quotes are not split. */
  .entry > header { break-inside: avoid; break-after: avoid; }
  .entry p, .entry li, .entry blockquote, .reactions { break-inside: avoid; }
  .prompts { break-inside: avoid; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; }
}
`.trim();
}
