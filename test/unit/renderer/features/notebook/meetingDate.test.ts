import { describe, expect, it } from 'vitest';
import {
  formatCalendarDate,
  formatTimeOfDay,
  prepareCalendarDates,
} from '../../../../../renderer/src/features/notebook/meetingDate';

describe('meeting dates and entry times', () => {
  it("shows an entry's time of day as the locale's short time, in each language", () => {
    const at = new Date(2026, 2, 3, 19, 42).getTime();
    for (const locale of ['en', 'es']) {
      const expected = new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(at);
      expect(formatTimeOfDay(at, locale)).toBe(expected);
      expect(formatTimeOfDay(new Date(at), locale)).toBe(expected);
    }
  });

  it('keeps calendar dates and times apart after the formatters are made ahead', () => {
    prepareCalendarDates('en');
    const at = new Date(2026, 2, 3, 19, 42).getTime();
    expect(formatCalendarDate('2026-03-03', 'en', 'medium')).toBe(
      new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(new Date(2026, 2, 3)),
    );
    expect(formatTimeOfDay(at, 'en')).toBe(
      new Intl.DateTimeFormat('en', { timeStyle: 'short' }).format(at),
    );
  });
});
