import { describe, expect, it } from 'vitest';
import { blocksHtml } from '../../../../shared/export/bodyHtml';
import { bookletHtml } from '../../../../shared/export/bookletHtml';
import { readEntryBody } from '../../../../shared/export/entryBody';
import { safeHref } from '../../../../shared/export/htmlText';
import { markdownEntryUpdate } from '../../../../shared/export/markdownImport';
import { readExportableCircle } from '../../../../shared/export/readCircle';
import { DEFAULT_EXPORT_OPTIONS } from '../../../../shared/export/exportOptions';
import { makeExportTestCircle } from '../../../helpers/exportCircle';

function bodyHtml(markdown: string): string {
  return blocksHtml(readEntryBody(markdownEntryUpdate(markdown)).blocks, 4);
}

describe('the HTML booklet', () => {
  it('writes every entry format as plain, escaped HTML without a DOM', () => {
    expect(bodyHtml('# Title\n\n## Sub\n\nA **b** *i* ***bi*** <script>x</script> & "q"')).toBe(
      '<h4>Title</h4>\n<h5>Sub</h5>\n<p>A <strong>b</strong> <em>i</em> <strong><em>bi</em></strong> &lt;script&gt;x&lt;/script&gt; &amp; &quot;q&quot;</p>',
    );
    expect(bodyHtml('- one\n    - inner\n- two')).toBe(
      '<ul><li>one<ul><li>inner</li></ul></li><li>two</li></ul>',
    );
    expect(bodyHtml('1. a\n2. b')).toBe('<ol><li>a</li><li>b</li></ol>');
    expect(bodyHtml('> quoted')).toBe('<blockquote><p>quoted</p></blockquote>');
    expect(bodyHtml('[site](https://example.org/a?b=1&c="2")')).toBe(
      '<p><a href="https://example.org/a?b=1&amp;c=&quot;2&quot;">site</a></p>',
    );
  });

  it('writes underline as <u>', () => {
    expect(
      blocksHtml(
        [
          {
            kind: 'paragraph',
            content: [{ kind: 'text', text: 'under', bold: false, italic: false, underline: true }],
          },
        ],
        4,
      ),
    ).toBe('<p><u>under</u></p>');
  });

  it('keeps the words of a link it will not follow, without the link', () => {
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,x',
      'file:///etc/passwd',
      '/relative',
      'https://a.b/\u0000x',
    ]) {
      expect(safeHref(url), url).toBeNull();
    }
    expect(
      blocksHtml(
        [
          {
            kind: 'paragraph',
            content: [
              {
                kind: 'link',
                url: 'javascript:alert(1)',
                children: [
                  { kind: 'text', text: 'click', bold: false, italic: false, underline: false },
                ],
              },
            ],
          },
        ],
        4,
      ),
    ).toBe('<p>click</p>');
    expect(safeHref('mailto:sam@example.org')).toBe('mailto:sam@example.org');
  });

  it('is one self-contained page: no scripts, no external resources, a policy that forbids them', async () => {
    const circle = await readExportableCircle(
      makeExportTestCircle().source,
      DEFAULT_EXPORT_OPTIONS,
    );
    const html = bookletHtml(circle, { locale: { lang: 'en', timeZone: 'UTC' }, paper: 'A4' });
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'`);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Thursday &lt;Circle&gt; &amp; friends');
    // Headings in order: h1 once, then h2 and h3, entries' own headings below.
    const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++)
      expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
    expect(html).toMatch(/@page \{ size: A4/);
    expect(html).toMatch(/\.meeting \{ break-before: page/);
    expect(html).toMatch(/\.entry > header \{ break-inside: avoid; break-after: avoid/);
  });
});
