/**
 * Meeting templates (resources/meetingTemplates/templates.json): whole meeting shapes
 * written for Hearth from sharing-circle and mutual-aid practice — opening words, a
 * check-in round, a theme with prompts, a check-out round, and a suggested length of
 * each turn. Like the prompt library, the file ships with the app but is checked when
 * read, so a bad edit shows up as a clear error rather than a blank dialog.
 *
 * File format, version 1:
 *   { version: 1, templates: [{ id, title, description, opening, checkIn, themes: [text],
 *     checkOut, minutesPerTurn }] }
 */
import * as v from '../validate';
import { LIMITS, type MeetingPrompt } from './schema';

/** One way of running a meeting, from opening words to check-out. */
export interface MeetingTemplate {
  id: string;
  title: string;
  description: string;
  /** Words a facilitator reads aloud to open the meeting. */
  opening: string;
  /** The prompt of the check-in round. */
  checkIn: string;
  /** The prompts of the meeting's theme. */
  themes: string[];
  /** The prompt of the check-out round. */
  checkOut: string;
  /** A suggested length of each turn in a round. */
  minutesPerTurn: number;
}

const prompt = v.string({ min: 1, max: LIMITS.promptText });
const fileCheck = v.object({
  version: v.oneOf([1] as const),
  templates: v.array(
    v.object({
      id: v.string({ min: 1, max: 40, pattern: /^[a-z0-9-]+$/ }),
      title: v.string({ min: 1, max: LIMITS.meetingTitle }),
      description: v.string({ min: 1, max: 240 }),
      opening: v.string({ min: 1, max: LIMITS.meetingOpening }),
      checkIn: prompt,
      // Check-in and check-out take two of a meeting's prompts; the theme the rest.
      themes: v.array(prompt, { max: LIMITS.promptsPerMeeting - 2 }),
      checkOut: prompt,
      minutesPerTurn: v.number({ min: 1, max: LIMITS.minutesPerTurn, integer: true }),
    }),
    { max: 100 },
  ),
});

/** Reads the meeting templates; throws with the reason if the file does not fit. */
export function readMeetingTemplates(raw: unknown): MeetingTemplate[] {
  const checked = fileCheck(raw, 'meeting templates');
  if (!checked.ok) throw new Error(`The meeting templates could not be read: ${checked.reason}`);
  const seen = new Set<string>();
  for (const template of checked.value.templates) {
    if (seen.has(template.id)) {
      throw new Error(`The meeting templates could not be read: ${template.id} appears twice`);
    }
    seen.add(template.id);
  }
  return checked.value.templates;
}

/** A template's prompts in meeting order: check-in, the theme's prompts, check-out. */
export function templatePrompts(template: MeetingTemplate): MeetingPrompt[] {
  return [
    { kind: 'check-in', text: template.checkIn },
    ...template.themes.map((text): MeetingPrompt => ({ kind: 'theme', text })),
    { kind: 'check-out', text: template.checkOut },
  ];
}
