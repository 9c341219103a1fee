import { readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Disclosure } from '../../../../renderer/src/app/Disclosure';

const root = `${import.meta.dirname}/../../../..`;

describe('disclosure', () => {
  it('starts closed: the button says so and names its panel, which is hidden', () => {
    const markup = renderToStaticMarkup(
      createElement(Disclosure, {
        className: 'co-writers',
        label: 'Invite to write',
        buttonClassName: 'button button--small',
        panelClassName: 'co-writers__panel',
        panelElement: 'fieldset',
        children: createElement('legend', null, 'Who writes here'),
      }),
    );
    const panelId = /aria-controls="([^"]+)"/.exec(markup)?.[1];
    expect(panelId).toBeDefined();
    expect(markup).toBe(
      '<div class="co-writers">' +
        `<button type="button" class="button button--small" aria-expanded="false" aria-controls="${panelId}">Invite to write</button>` +
        `<fieldset id="${panelId}" class="disclosure__panel co-writers__panel" hidden="">` +
        '<legend>Who writes here</legend></fieldset></div>',
    );
  });

  it('keeps a closed panel hidden whatever display its own class gives it', () => {
    const css = readFileSync(`${root}/renderer/src/styles/disclosure.css`, 'utf8');
    expect(css).toMatch(/\.disclosure__panel\[hidden\]\s*\{\s*display:\s*none;\s*\}/);
    expect(readFileSync(`${root}/renderer/src/main.tsx`, 'utf8')).toContain(
      "import './styles/disclosure.css';",
    );
  });
});
