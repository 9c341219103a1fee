/**
 * Every language is complete: the same keys in each locale file (plural keys in the forms
 * each language needs, by Intl.PluralRules), the same {{placeholders}} in each string,
 * nothing left empty. A key added to one file and not the other fails here.
 */
import { describe, expect, it } from 'vitest';
import en from '../../../../resources/locales/en.json';
import es from '../../../../resources/locales/es.json';
import { LANGUAGES, type Language } from '../../../../shared/ipc/contract';
import type { LocaleTree } from '../../../../shared/i18n/translate';

const LOCALES: Record<Language, LocaleTree> = { en, es };
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(tree: LocaleTree, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') flat.set(path, value);
    else for (const [inner, text] of flatten(value, path)) flat.set(inner, text);
  }
  return flat;
}

// A key as the code asks for it: plural forms collapse to their base key.
function baseKeys(flat: Map<string, string>): Set<string> {
  return new Set([...flat.keys()].map((key) => key.replace(PLURAL, '')));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]!).sort();
}

describe('the locale files', () => {
  it('ship a file for every language Hearth offers', () => {
    expect(Object.keys(LOCALES).sort()).toEqual([...LANGUAGES].sort());
  });

  for (const language of LANGUAGES) {
    for (const other of LANGUAGES) {
      if (other === language) continue;
      it(`${language} has every key that ${other} has`, () => {
        const mine = baseKeys(flatten(LOCALES[language]));
        const missing = [...baseKeys(flatten(LOCALES[other]))].filter((key) => !mine.has(key));
        expect(missing, `keys missing from ${language}.json`).toEqual([]);
      });
    }

    it(`${language} gives each plural key every form the language needs`, () => {
      const flat = flatten(LOCALES[language]);
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      const plurals = new Set(
        [...flat.keys()].filter((key) => PLURAL.test(key)).map((key) => key.replace(PLURAL, '')),
      );
      const problems: string[] = [];
      for (const base of plurals) {
        for (const category of categories) {
          if (!flat.has(`${base}_${category}`)) problems.push(`${base}_${category}`);
        }
      }
      expect(problems).toEqual([]);
    });

    it(`${language} leaves nothing empty`, () => {
      const empty = [...flatten(LOCALES[language])].filter(([, text]) => text.trim() === '');
      expect(empty).toEqual([]);
    });
  }

  it('every translation fills the same placeholders as the English', () => {
    const english = flatten(en);
    const problems: string[] = [];
    for (const language of LANGUAGES) {
      for (const [key, text] of flatten(LOCALES[language])) {
        const source = english.get(key) ?? english.get(key.replace(PLURAL, '_other'));
        if (source === undefined) continue;
        if (placeholders(text).join() !== placeholders(source).join()) {
          problems.push(`${language}: ${key}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('the Spanish really is Spanish, not English copied over', () => {
    const english = flatten(en);
    const same = [...flatten(es)].filter(
      ([key, text]) => english.get(key) === text && /[a-z]{4,} [a-z]{3,}/.test(text),
    );
    expect(same.map(([key]) => key)).toEqual([]);
  });
});
