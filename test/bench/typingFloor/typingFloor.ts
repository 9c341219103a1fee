/**
 * The keystroke benchmark's floor: the same typing, measured the same way
 * (../keystrokeLatency.ts), into a bare Lexical editor holding the same first words
 * (./floorEditorPage.ts), in the same browser. What Hearth adds to a keystroke is its
 * paint time beyond this one; the floor itself is set by Chromium's frames on this
 * machine, and no editor can paint sooner.
 */
import type { Browser } from 'playwright-core';
import type { SeededRandom } from '../../helpers/seededRandom';
import { typeIntoEditor, type KeystrokeSample } from '../keystrokeLatency';
import { bundleScript } from '../sync/pageBundles';

const PAGE_DIR = import.meta.dirname;
const LABEL = 'Floor editor';

// Close to Hearth's entry text (renderer/src/styles/editor.css), so a line breaks alike.
const PAGE_STYLE = `
  body { margin: 0; font-family: Georgia, serif; background: #fbf8f3; color: #2b2622; }
  main { max-width: 46rem; margin: 4rem auto; padding: 0 1.5rem; }
  [role='textbox'] { font-size: 1.08rem; line-height: 1.7; outline: none;
    white-space: pre-wrap; word-break: break-word; min-height: 3.5rem; }
  p { margin: 0 0 0.6em; }
`;

let script: Promise<string> | null = null;

/** Types at least `characters` characters into the floor editor; one sample per keystroke. */
export async function measureFloorKeystrokes(
  browser: Browser,
  firstText: string,
  characters: number,
  random: SeededRandom,
): Promise<{ samples: KeystrokeSample[]; typed: number }> {
  script ??= bundleScript(PAGE_DIR, 'floorEditorPage.ts', 'HearthTypingFloor');
  const code = await script;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.setContent(
      `<!doctype html><html lang="en"><style>${PAGE_STYLE}</style><body></body></html>`,
    );
    await page.evaluate((text) => {
      window.floorText = text;
    }, firstText);
    await page.addScriptTag({ content: code });
    return await typeIntoEditor(page, LABEL, characters, random);
  } finally {
    await context.close();
  }
}
