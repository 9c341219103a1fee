/**
 * A small reader of Hearth's locale files for code outside React (the main process's
 * menus, dialogs and error boxes). The files are i18next's JSON (nested keys,
 * `{{name}}` placeholders), the same ones the renderer uses. A key missing in a
 * language falls back to English, and a key missing everywhere shows as itself, so a
 * mistake is visible rather than a blank label.
 */
import type { Language } from '../ipc/contract';

/** A locale file's contents: nested objects of strings. */
export interface LocaleTree {
  [key: string]: string | LocaleTree;
}

/** Looks a key up and fills its placeholders. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

function lookup(tree: LocaleTree, key: string): string | undefined {
  let node: string | LocaleTree | undefined = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** A translator for `language`, falling back to `fallback` (English). */
export function translator(
  locales: Record<Language, LocaleTree>,
  language: Language,
  fallback: Language = 'en',
): Translate {
  return (key, values = {}) => {
    const text = lookup(locales[language], key) ?? lookup(locales[fallback], key) ?? key;
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
      Object.hasOwn(values, name) ? String(values[name]) : whole,
    );
  };
}
