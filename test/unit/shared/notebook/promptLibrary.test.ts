import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPromptLibrary } from '../../../../shared/notebook/promptLibrary';
import { PROMPT_KINDS } from '../../../../shared/notebook/schema';

const LIBRARY_PATH = resolve(import.meta.dirname, '../../../../resources/prompts/library.json');

function shippedLibrary(): { version: number; themes: Record<string, unknown>[] } {
  return JSON.parse(readFileSync(LIBRARY_PATH, 'utf8')) as {
    version: number;
    themes: Record<string, unknown>[];
  };
}

describe('the prompt library', () => {
  it('reads the library that ships with Hearth', () => {
    const themes = readPromptLibrary(shippedLibrary());
    expect(themes.length).toBeGreaterThan(0);
    for (const theme of themes) {
      expect(theme.prompts.length).toBeGreaterThan(0);
      for (const prompt of theme.prompts) expect(PROMPT_KINDS).toContain(prompt.kind);
    }
  });

  it('gives every shipped theme its own id', () => {
    const ids = readPromptLibrary(shippedLibrary()).map((theme) => theme.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refuses a library of an unknown version, saying so', () => {
    expect(() => readPromptLibrary({ ...shippedLibrary(), version: 2 })).toThrow(
      'The prompt library could not be read: prompt library.version should be one of 1, got number',
    );
  });

  it('names the theme and field of a broken prompt', () => {
    const library = shippedLibrary();
    library.themes[1] = { ...library.themes[1], prompts: [{ kind: 'opening', text: 'Hello' }] };
    expect(() => readPromptLibrary(library)).toThrow(
      /prompt library\.themes\[1\]\.prompts\[0\]\.kind should be one of check-in, theme, check-out/,
    );
  });

  it('refuses a theme with a field it does not know, a missing title, or a bad id', () => {
    const withExtra = shippedLibrary();
    withExtra.themes[0] = { ...withExtra.themes[0], colour: 'red' };
    expect(() => readPromptLibrary(withExtra)).toThrow(/themes\[0\]\.colour is not expected/);

    const withoutTitle = shippedLibrary();
    delete withoutTitle.themes[0]!.title;
    expect(() => readPromptLibrary(withoutTitle)).toThrow(/themes\[0\]\.title should be a string/);

    const badId = shippedLibrary();
    badId.themes[0] = { ...badId.themes[0], id: 'Not An Id' };
    expect(() => readPromptLibrary(badId)).toThrow(/themes\[0\]\.id is not in the expected form/);
  });

  it('refuses something that is not a library at all', () => {
    expect(() => readPromptLibrary(null)).toThrow(/prompt library should be an object, got null/);
    expect(() => readPromptLibrary('[]')).toThrow(/could not be read/);
  });
});
