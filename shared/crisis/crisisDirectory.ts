/**
 * The crisis lines Hearth ships (resources/crisis/lines.json), format version 1: per
 * region its emergency number(s) and a short list of support lines, each with the
 * official page it was checked against and the date. The file is bundled into the app
 * so the "Need support now?" panel works with no network at all.
 *
 * The file is checked when read: a bad edit must show up in tests, never as a blank
 * panel. `today` is passed only by tests (a checkedOn date in the future is an error in
 * the file); the app does not pass it, because a laptop's clock may be wrong.
 */
import * as v from '../validate';

/** Bumped when the file's shape changes. */
export const CRISIS_DIRECTORY_VERSION = 1;

/** A region: an ISO 3166-1 alpha-2 code such as `GB`. */
export const REGION_PATTERN = /^[A-Z]{2}$/;

/** A dialable number as written for people: digits, spaces, hyphens, an optional leading +. */
export const PHONE_PATTERN = /^\+?[0-9](?:[0-9 -]{0,22}[0-9])?$/;

const isoDate = v.string({
  min: 10,
  max: 10,
  pattern: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
});
const httpsUrl = v.string({ min: 10, max: 400, pattern: /^https?:\/\/[^\s/$.?#][^\s]*$/ });
const phone = v.string({ min: 1, max: 24, pattern: PHONE_PATTERN });
const text = (max: number): v.Check<string> => v.string({ min: 1, max });

const lineCheck = v.object({
  id: v.string({ min: 2, max: 40, pattern: /^[a-z]{2}-[a-z0-9-]+$/ }),
  name: text(100),
  phones: v.array(phone, { max: 4 }),
  texts: v.array(phone, { max: 4 }),
  chatUrl: optional(httpsUrl),
  hours: text(80),
  notes: text(200),
  sourceUrl: httpsUrl,
  otherSources: v.array(httpsUrl, { max: 4 }),
  checkedOn: isoDate,
  verification: text(600),
});

const regionCheck = v.object({
  region: v.string({ min: 2, max: 2, pattern: REGION_PATTERN }),
  name: text(60),
  emergency: v.object({
    numbers: v.array(phone, { max: 3 }),
    sourceUrl: httpsUrl,
    checkedOn: isoDate,
  }),
  lines: v.array(lineCheck, { max: 12 }),
});

const directoryCheck = v.object({
  version: v.oneOf([CRISIS_DIRECTORY_VERSION] as const),
  checkedNote: text(600),
  regions: v.array(regionCheck, { max: 120 }),
});

/** One support line of a region. */
export type CrisisLine = v.CheckedType<typeof lineCheck>;
/** A region's emergency number(s) and support lines. */
export type CrisisRegion = v.CheckedType<typeof regionCheck>;
/** The whole bundled list. */
export type CrisisDirectory = v.CheckedType<typeof directoryCheck>;

/** Checks the file's shape and the rules the shape cannot say; `today` is YYYY-MM-DD. */
export function checkCrisisDirectory(
  raw: unknown,
  options: { today?: string } = {},
): v.Checked<CrisisDirectory> {
  const checked = directoryCheck(raw, 'crisis lines');
  if (!checked.ok) return checked;
  const problems: string[] = [];
  const regions = new Set<string>();
  const ids = new Set<string>();
  const notFuture = (date: string, where: string): void => {
    if (options.today !== undefined && date > options.today) {
      problems.push(`${where} was checked on ${date}, after today (${options.today})`);
    }
  };
  for (const region of checked.value.regions) {
    if (regions.has(region.region)) problems.push(`region ${region.region} is listed twice`);
    regions.add(region.region);
    if (region.emergency.numbers.length === 0) {
      problems.push(`region ${region.region} has no emergency number`);
    }
    notFuture(region.emergency.checkedOn, `the emergency number of ${region.region}`);
    for (const line of region.lines) {
      if (ids.has(line.id)) problems.push(`line ${line.id} is listed twice`);
      ids.add(line.id);
      if (line.phones.length === 0) problems.push(`line ${line.id} has no number`);
      notFuture(line.checkedOn, `line ${line.id}`);
    }
  }
  if (problems.length > 0) return { ok: false, reason: problems.join('; ') };
  return checked;
}

/** Reads the bundled list; throws with the reason if it does not fit. */
export function readCrisisDirectory(raw: unknown): CrisisDirectory {
  const checked = checkCrisisDirectory(raw);
  if (!checked.ok) throw new Error(`The crisis lines could not be read: ${checked.reason}`);
  return checked.value;
}

/** The `tel:` address of a number as written ("116 123" → "tel:116123"). */
export function telHref(number: string): string {
  return `tel:${number.replace(/[^\d+]/g, '')}`;
}

/** The `sms:` address of a number as written. */
export function smsHref(number: string): string {
  return `sms:${number.replace(/[^\d+]/g, '')}`;
}

// A field that may be absent; present, it must pass `inner`.
function optional<T>(inner: v.Check<T>): v.Check<T | undefined> {
  return (value, path) =>
    value === undefined ? { ok: true, value: undefined } : inner(value, path);
}
