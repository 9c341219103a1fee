/**
 * The built-in prompt library (resources/prompts/library.json): themes of meeting
 * prompts written for Hearth. The file ships with the app, but it is still checked
 * when read, so a bad edit to it shows up as a clear error rather than a blank dialog.
 */
import * as v from '../validate';
import { promptCheck } from './records';
import type { MeetingPrompt } from './schema';

/** A themed set of prompts a facilitator can start a meeting from. */
export interface PromptTheme {
  id: string;
  title: string;
  description: string;
  prompts: MeetingPrompt[];
}

const libraryCheck = v.object({
  version: v.oneOf([1] as const),
  themes: v.array(
    v.object({
      id: v.string({ min: 1, max: 40, pattern: /^[a-z0-9-]+$/ }),
      title: v.string({ min: 1, max: 80 }),
      description: v.string({ min: 1, max: 240 }),
      prompts: v.array(promptCheck, { max: 24 }),
    }),
    { max: 100 },
  ),
});

/** Reads the prompt library; throws with the reason if the file does not fit. */
export function readPromptLibrary(raw: unknown): PromptTheme[] {
  const checked = libraryCheck(raw, 'prompt library');
  if (!checked.ok) throw new Error(`The prompt library could not be read: ${checked.reason}`);
  return checked.value.themes;
}
