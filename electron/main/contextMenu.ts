/**
 * The right-click menu on text. Chromium shows none by itself in Electron, so without this
 * the window's spell checker underlines words with no way to fix them. On a misspelt word
 * the menu starts with Chromium's suggestions (choosing one replaces the word); then cut,
 * copy and paste as the text allows, and select all.
 *
 * There is deliberately no "Add to dictionary": Chromium keeps added words in a plain
 * text file in the profile, outside Hearth's encryption, and the words members would
 * add are names and places from their entries.
 */
import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';
import type { Translate } from '../../shared/i18n/translate';

/** The parts of the context-menu event the menu is built from. */
export type TextContextParams = Pick<
  ContextMenuParams,
  'isEditable' | 'selectionText' | 'misspelledWord' | 'dictionarySuggestions' | 'editFlags'
>;

/** What the menu's items do to the page. */
export interface TextContextActions {
  replaceMisspelling(word: string): void;
}

/** How many spelling suggestions are offered at most. */
export const MAX_SUGGESTIONS = 5;

/** The menu for one right-click, or null where there is nothing to offer. */
export function buildContextMenuTemplate(
  params: TextContextParams,
  t: Translate,
  actions: TextContextActions,
): MenuItemConstructorOptions[] | null {
  const hasSelection = params.selectionText.trim() !== '';
  if (!params.isEditable && !hasSelection) return null;
  const items: MenuItemConstructorOptions[] = [];
  if (params.isEditable && params.misspelledWord !== '') {
    const suggestions = params.dictionarySuggestions.slice(0, MAX_SUGGESTIONS);
    if (suggestions.length === 0) {
      items.push({ label: t('desktop.contextMenu.noSuggestions'), enabled: false });
    }
    for (const suggestion of suggestions) {
      items.push({
        label: suggestion,
        click: () => {
          actions.replaceMisspelling(suggestion);
        },
      });
    }
    items.push({ type: 'separator' });
  }
  if (params.isEditable) {
    items.push({
      role: 'cut',
      label: t('desktop.contextMenu.cut'),
      enabled: params.editFlags.canCut && hasSelection,
    });
  }
  items.push({
    role: 'copy',
    label: t('desktop.contextMenu.copy'),
    enabled: params.editFlags.canCopy && hasSelection,
  });
  if (params.isEditable) {
    items.push({
      role: 'paste',
      label: t('desktop.contextMenu.paste'),
      enabled: params.editFlags.canPaste,
    });
    items.push({ type: 'separator' });
    items.push({
      role: 'selectAll',
      label: t('desktop.contextMenu.selectAll'),
      enabled: params.editFlags.canSelectAll,
    });
  }
  return items;
}

/** A web contents whose right-clicks get the menu. */
export interface ContextMenuContents {
  on(event: 'context-menu', listener: (event: unknown, params: ContextMenuParams) => void): void;
  replaceMisspelling(word: string): void;
}

/** Shows the menu on every right-click in `contents`; `popup` builds and opens it. */
export function attachContextMenu(
  contents: ContextMenuContents,
  t: () => Translate,
  popup: (template: MenuItemConstructorOptions[]) => void,
): void {
  contents.on('context-menu', (_event, params) => {
    const template = buildContextMenuTemplate(params, t(), {
      replaceMisspelling: (word) => {
        contents.replaceMisspelling(word);
      },
    });
    if (template !== null) popup(template);
  });
}
