/** The built-in prompt library, read once and checked (see shared/notebook/promptLibrary.ts). */
import library from '../../../../resources/prompts/library.json';
import { readPromptLibrary, type PromptTheme } from '../../../../shared/notebook/promptLibrary';

/** Every built-in theme of prompts. */
export const PROMPT_THEMES: readonly PromptTheme[] = readPromptLibrary(library);
