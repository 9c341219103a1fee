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
// format hundreds of dates: keep one per locale and style.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A calendar date in words for `locale`, e.g. "Tuesday 3 March 2026". */
export function formatCalendarDate(date: string, locale: string, style: 'full' | 'medium'): string {
  const [year, month, day] = date.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return date;
  const key = `${locale}|${style}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(locale, { dateStyle: style });
    formatters.set(key, formatter);
  }
  return formatter.format(new Date(year, month - 1, day));
}
