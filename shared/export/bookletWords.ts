/**
 * The words an export writes around the circle's own (headings, bylines, dates), taken
 * from the app's locale file so they are translated with everything else. Dates are
 * calendar dates and print the same in every time zone; entry times are the laptop's
 * local time unless a zone is given (tests, the command line).
 */
import en from '../../resources/locales/en.json' with { type: 'json' };
import type { PromptKind } from '../notebook/schema';
import type { Byline } from './exportModel';

const words = en.export.booklet;

/** How dates and times are written in one export. */
export interface BookletLocale {
  /** A BCP 47 language tag, for the document and for dates. */
  lang: string;
  /** An IANA zone for entry times; the laptop's own when absent. */
  timeZone?: string;
}

/** English, the laptop's time zone. */
export const DEFAULT_LOCALE: BookletLocale = { lang: 'en' };

/** Replaces `{{name}}` placeholders, as i18next does. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) =>
    Object.hasOwn(values, key) ? String(values[key]) : whole,
  );
}

/** "3 meetings", "1 entry". */
export function countWords(kind: 'meetings' | 'entries', count: number): string {
  const template = count === 1 ? words[`${kind}_one`] : words[`${kind}_other`];
  return fill(template, { count });
}

/** An author "with" co-writers: "Ana with Ben and Cat". */
export function withWords(author: string, others: readonly string[]): string {
  const list =
    others.length <= 1
      ? (others[0] ?? '')
      : `${others.slice(0, -1).join(', ')}${words.andLast}${others.at(-1)!}`;
  return fill(words.with, { author, others: list });
}

/** A byline as words. */
export function bylineWords(byline: Byline): string {
  switch (byline.kind) {
    case 'member':
      return fill(words.by, { name: byline.name });
    case 'anonymous':
      return words.anonymous;
    case 'a-member':
      return words.aMember;
  }
}

/** "Content note: …", as an export states an entry's note. */
export function contentNoteWords(note: string): string {
  return fill(words.contentNote, { note });
}

/** The name of a prompt's place in the meeting. */
export function promptKindWords(kind: PromptKind): string {
  return words.promptKinds[kind];
}

// Making a formatter costs far more than using one: one per language and zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let made = formatters.get(key);
  if (made === undefined) {
    made = make();
    formatters.set(key, made);
  }
  return made;
}

/** A YYYY-MM-DD date as "Thursday 12 March 2026". */
export function dateWords(date: string, locale: BookletLocale): string {
  const [year, month, day] = date.split('-').map(Number);
  const at = Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1);
  return formatter(
    `date|${locale.lang}`,
    () =>
      new Intl.DateTimeFormat(locale.lang, {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      }),
  ).format(at);
}

/** A span of dates as words, or one date when both ends are the same day. */
export function dateRangeWords(range: { from: string; to: string }, locale: BookletLocale): string {
  if (range.from === range.to) return dateWords(range.from, locale);
  return fill(words.fromTo, {
    from: dateWords(range.from, locale),
    to: dateWords(range.to, locale),
  });
}

/** The time of day an entry was begun. */
export function timeWords(at: number, locale: BookletLocale): string {
  return formatter(
    `time|${locale.lang}|${locale.timeZone ?? ''}`,
    () =>
      new Intl.DateTimeFormat(locale.lang, {
        hour: 'numeric',
        minute: '2-digit',
        ...(locale.timeZone === undefined ? {} : { timeZone: locale.timeZone }),
      }),
  ).format(at);
}

/** The fixed words of the booklet. */
export const BOOKLET_WORDS = words;
