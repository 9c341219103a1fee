import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  attachContextMenu,
  buildContextMenuTemplate,
  type TextContextParams,
} from '../../../../electron/main/contextMenu';
import { translator } from '../../../../shared/i18n/translate';
import en from '../../../../resources/locales/en.json';
import es from '../../../../resources/locales/es.json';

const t = translator({ en, es }, 'en');

function params(overrides: Partial<TextContextParams> = {}): TextContextParams {
  return {
    isEditable: true,
    selectionText: '',
    misspelledWord: '',
    dictionarySuggestions: [],
    editFlags: {
      canUndo: true,
      canRedo: false,
      canCut: true,
      canCopy: true,
      canPaste: true,
      canDelete: true,
      canSelectAll: true,
      canEditRichly: true,
    },
    ...overrides,
  };
}

const labels = (template: MenuItemConstructorOptions[] | null): (string | undefined)[] =>
  (template ?? []).map((item) => (item.type === 'separator' ? '—' : item.label));

describe('the text context menu', () => {
  it('offers spelling suggestions first, and choosing one replaces the word', () => {
    const replaceMisspelling = vi.fn();
    const template = buildContextMenuTemplate(
      params({ misspelledWord: 'recieve', dictionarySuggestions: ['receive', 'relieve'] }),
      t,
      { replaceMisspelling },
    );
    expect(labels(template)).toEqual([
      'receive',
      'relieve',
      '—',
      'Cut',
      'Copy',
      'Paste',
      '—',
      'Select All',
    ]);
    template![1]!.click!({} as never, undefined, {});
    expect(replaceMisspelling).toHaveBeenCalledWith('relieve');
  });

  it('says so when Chromium has no suggestion for a misspelt word', () => {
    const template = buildContextMenuTemplate(params({ misspelledWord: 'xqzt' }), t, {
      replaceMisspelling: vi.fn(),
    });
    expect(template![0]).toEqual({ label: 'No spelling suggestions', enabled: false });
  });

  it('offers at most five suggestions', () => {
    const template = buildContextMenuTemplate(
      params({ misspelledWord: 'teh', dictionarySuggestions: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }),
      t,
      { replaceMisspelling: vi.fn() },
    );
    expect(labels(template).slice(0, 6)).toEqual(['a', 'b', 'c', 'd', 'e', '—']);
  });

  it('enables cut and copy only with a selection, and uses the editing roles', () => {
    const none = buildContextMenuTemplate(params(), t, { replaceMisspelling: vi.fn() })!;
    expect(none.find((item) => item.role === 'cut')?.enabled).toBe(false);
    expect(none.find((item) => item.role === 'copy')?.enabled).toBe(false);
    expect(none.find((item) => item.role === 'paste')?.enabled).toBe(true);
    const some = buildContextMenuTemplate(params({ selectionText: 'a few words' }), t, {
      replaceMisspelling: vi.fn(),
    })!;
    expect(some.find((item) => item.role === 'cut')?.enabled).toBe(true);
    expect(some.find((item) => item.role === 'copy')?.enabled).toBe(true);
  });

  it('offers only copy on selected text that cannot be edited, and nothing elsewhere', () => {
    const readOnly = buildContextMenuTemplate(
      params({ isEditable: false, selectionText: 'shared words' }),
      t,
      { replaceMisspelling: vi.fn() },
    );
    expect(labels(readOnly)).toEqual(['Copy']);
    expect(
      buildContextMenuTemplate(params({ isEditable: false }), t, { replaceMisspelling: vi.fn() }),
    ).toBeNull();
  });

  it('speaks the member’s language', () => {
    const template = buildContextMenuTemplate(params(), translator({ en, es }, 'es'), {
      replaceMisspelling: vi.fn(),
    });
    expect(labels(template)).toEqual(['Cortar', 'Copiar', 'Pegar', '—', 'Seleccionar todo']);
  });

  it('pops the menu up on a right-click, and on a suggestion replaces the word in that page', () => {
    let listener: ((event: unknown, p: ContextMenuParams) => void) | undefined;
    const contents = {
      on: vi.fn((_name: 'context-menu', given: typeof listener) => {
        listener = given;
      }),
      replaceMisspelling: vi.fn(),
    };
    const popup = vi.fn<(template: MenuItemConstructorOptions[]) => void>();
    attachContextMenu(contents, () => t, popup);
    listener!(
      {},
      params({ misspelledWord: 'hte', dictionarySuggestions: ['the'] }) as ContextMenuParams,
    );
    expect(popup).toHaveBeenCalledOnce();
    popup.mock.calls[0]![0][0]!.click!({} as never, undefined, {});
    expect(contents.replaceMisspelling).toHaveBeenCalledWith('the');
    listener!({}, params({ isEditable: false }) as ContextMenuParams);
    expect(popup).toHaveBeenCalledOnce();
  });
});
