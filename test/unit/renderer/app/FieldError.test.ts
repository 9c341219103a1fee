import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FieldError } from '../../../../renderer/src/app/FieldError';

describe('field error', () => {
  it('shows nothing while there is no message', () => {
    expect(renderToStaticMarkup(createElement(FieldError, { message: null }))).toBe('');
  });

  it('announces a message as it appears, under the field or inside its label', () => {
    expect(renderToStaticMarkup(createElement(FieldError, { message: 'Too long' }))).toBe(
      '<p class="field__error" role="alert">Too long</p>',
    );
    expect(
      renderToStaticMarkup(
        createElement(FieldError, { message: 'Unreadable', inline: true, id: 'box-problem' }),
      ),
    ).toBe('<span id="box-problem" class="field__error" role="alert">Unreadable</span>');
  });

  it('leaves a standing notice unannounced', () => {
    expect(
      renderToStaticMarkup(createElement(FieldError, { message: 'Not seen', announce: false })),
    ).toBe('<p class="field__error">Not seen</p>');
  });
});
