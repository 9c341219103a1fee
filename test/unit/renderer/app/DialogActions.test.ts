import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DialogActions } from '../../../../renderer/src/app/DialogActions';

const noop = (): void => undefined;

describe('dialog actions', () => {
  it('shows other buttons, then the quiet way out, then the primary button that submits', () => {
    const markup = renderToStaticMarkup(
      createElement(
        DialogActions,
        {
          cancel: { label: 'Cancel', onClick: noop },
          primary: { label: 'Knock', disabled: true },
        },
        createElement('button', { className: 'button', type: 'button' }, 'Use an invite'),
      ),
    );
    expect(markup).toBe(
      '<div class="dialog__actions">' +
        '<button class="button" type="button">Use an invite</button>' +
        '<button class="button button--quiet" type="button">Cancel</button>' +
        '<button class="button button--primary" type="submit" disabled="">Knock</button>' +
        '</div>',
    );
  });

  it('makes the primary button a plain button when it acts on a click, and adds the dialog its classes', () => {
    const markup = renderToStaticMarkup(
      createElement(DialogActions, {
        primary: { label: 'Done', onClick: noop },
        className: 'invite__actions',
      }),
    );
    expect(markup).toBe(
      '<div class="dialog__actions invite__actions">' +
        '<button class="button button--primary" type="button">Done</button>' +
        '</div>',
    );
  });
});
