/**
 * Meeting dates are calendar days (YYYY-MM-DD), not instants: a meeting on the 3rd is
 * on the 3rd wherever the laptop's clock or time zone is.
 */

/** Today's date on this laptop, as YYYY-MM-DD. */
export function todayAsCalendarDate(now: Date = new Date()): string {
  const year = String(now.getFullYear()).padStart(4, '0');
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

// Making an Intl.DateTimeFormat costs far more than using one, and lists and search
// format hundreds of dates (a meeting's entries and comments each show their time): keep
// one per locale and style.
const formatters = new Map<string, Intl.DateTimeFormat>();

type DateStyle = 'full' | 'medium';

function formatterFor(locale: string, style: DateStyle | 'time'): Intl.DateTimeFormat {
  const key = `${locale}|${style}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(
      locale,
      style === 'time' ? { timeStyle: 'short' } : { dateStyle: style },
    );
    formatters.set(key, formatter);
  }
  return formatter;
}

/** The time of day of an instant in `locale`'s short form, e.g. "7:42 PM". */
export function formatTimeOfDay(at: number | Date, locale: string): string {
  return formatterFor(locale, 'time').format(at);
}

/** A calendar date in words for `locale`, e.g. "Tuesday 3 March 2026". */
export function formatCalendarDate(date: string, locale: string, style: DateStyle): string {
  const [year, month, day] = date.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return date;
  return formatterFor(locale, style).format(new Date(year, month - 1, day));
}

/**
 * Makes the formatters a circle's first screen uses (the meeting's heading, the meeting
 * list, the entries' times). The first one loads the browser's date data, 15–50 ms
 * measured at an opening (issue 16), so the circle screen asks for them while it waits
 * for the notebook to arrive from the store, not after.
 */
export function prepareCalendarDates(locale: string): void {
  formatterFor(locale, 'full').format(0);
  formatterFor(locale, 'medium').format(0);
  formatterFor(locale, 'time').format(0);
}
