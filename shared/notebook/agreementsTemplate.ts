/**
 * The agreements a new circle starts from (resources/agreements/template.json), written
 * for Hearth from the usual practice of sharing circles and mutual-aid groups. A circle
 * edits them freely; they are stored as plain text, one agreement per line.
 */
import * as v from '../validate';

const templateCheck = v.object({
  version: v.oneOf([1] as const),
  items: v.array(v.string({ min: 1, max: 600 }), { max: 30 }),
});

/** Reads the template file into the text a new circle's agreements start with. */
export function agreementsFromTemplate(raw: unknown): string {
  const checked = templateCheck(raw, 'agreements template');
  if (!checked.ok) throw new Error(`The agreements template could not be read: ${checked.reason}`);
  return checked.value.items.join('\n');
}

/** The agreements as separate lines, for showing them one by one. */
export function agreementLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
