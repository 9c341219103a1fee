/**
 * Entry blocks (./entryBlocks.ts) as HTML, written as text with no DOM. Every word is
 * escaped; only the elements below are ever produced. Headings inside an entry sit
 * below the entry's own heading level, so the booklet's outline stays in order.
 */
import type { Block, Inline, ListBlock } from './entryBlocks';
import { escapeHtml, safeHref } from './htmlText';

/** Writes an entry's blocks; `headingBase` is the level an entry's own h1 becomes. */
export function blocksHtml(blocks: readonly Block[], headingBase: number): string {
  return blocks.map((block) => blockHtml(block, headingBase)).join('\n');
}

function blockHtml(block: Block, headingBase: number): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${inlinesHtml(block.content)}</p>`;
    case 'heading': {
      const level = Math.min(6, headingBase + block.level - 1);
      return `<h${level}>${inlinesHtml(block.content)}</h${level}>`;
    }
    case 'quote':
      return `<blockquote><p>${inlinesHtml(block.content)}</p></blockquote>`;
    case 'list':
      return listHtml(block);
  }
}

function listHtml(list: ListBlock): string {
  const items = list.items
    .map((item) => {
      const nested = item.lists.map(listHtml).join('');
      return `<li>${inlinesHtml(item.content)}${nested}</li>`;
    })
    .join('');
  if (!list.ordered) return `<ul>${items}</ul>`;
  const start = list.start === 1 ? '' : ` start="${Math.trunc(list.start)}"`;
  return `<ol${start}>${items}</ol>`;
}

/** Inline runs as HTML. */
export function inlinesHtml(inlines: readonly Inline[]): string {
  return inlines.map(inlineHtml).join('');
}

function inlineHtml(inline: Inline): string {
  switch (inline.kind) {
    case 'break':
      return '<br>';
    case 'link': {
      const words = inlinesHtml(inline.children);
      const href = safeHref(inline.url);
      // A link Hearth will not follow keeps its words, without the link.
      return href === null ? words : `<a href="${href}">${words}</a>`;
    }
    case 'text': {
      let html = escapeHtml(inline.text);
      if (inline.underline) html = `<u>${html}</u>`;
      if (inline.italic) html = `<em>${html}</em>`;
      if (inline.bold) html = `<strong>${html}</strong>`;
      return html;
    }
  }
}
