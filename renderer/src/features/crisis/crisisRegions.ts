/**
 * The crisis lines bundled with the app, and which region's lines to show. The list is
 * imported into the renderer's bundle (not fetched), so the panel works with no network
 * and with the local host stopped.
 */
import lines from '../../../../resources/crisis/lines.json';
import { logger } from '../../../../shared/log';
import {
  readCrisisDirectory,
  type CrisisDirectory,
  type CrisisRegion,
} from '../../../../shared/crisis/crisisDirectory';

const log = logger('crisis');

/** Every bundled region, or none if the file could not be read (the panel still helps). */
export const CRISIS_DIRECTORY: CrisisDirectory = readBundled();

function readBundled(): CrisisDirectory {
  try {
    return readCrisisDirectory(lines);
  } catch (error) {
    // Tests keep this from shipping; if it ever does, the panel falls back to the
    // emergency-number advice rather than failing to open.
    log.error('the bundled crisis lines could not be read', { error: String(error) });
    return { version: 1, checkedNote: '', regions: [] };
  }
}

/** The region a locale points to: `en-GB` → `GB`, `de` → `DE` (its likeliest region). */
export function regionOfLocale(tag: string): string | null {
  let region = regionsOfLocales.get(tag);
  if (region === undefined) {
    region = maximizedRegion(tag);
    regionsOfLocales.set(tag, region);
  }
  return region;
}

// Maximizing a locale and naming a region load ICU data: each is done once per page, not
// at every render of the support panel.
const regionsOfLocales = new Map<string, string | null>();
const regionNames = new Map<string, string>();
const displayNames = new Map<string, Intl.DisplayNames>();

function maximizedRegion(tag: string): string | null {
  try {
    const region = new Intl.Locale(tag).maximize().region;
    return region !== undefined && /^[A-Z]{2}$/.test(region) ? region : null;
  } catch {
    return null;
  }
}

/** The member's region: their choice, else this computer's locale. */
export function chosenRegion(setting: string | null, locales: readonly string[]): string | null {
  if (setting !== null) return setting;
  for (const tag of locales) {
    const region = regionOfLocale(tag);
    if (region !== null) return region;
  }
  return null;
}

/** The bundled lines of `region`, if Hearth has any for it. */
export function regionLines(region: string | null): CrisisRegion | null {
  return CRISIS_DIRECTORY.regions.find((entry) => entry.region === region) ?? null;
}

/** A region's name in the member's language, falling back to the name in the file. */
export function regionName(region: string, language: string): string {
  const key = `${language}|${region}`;
  let name = regionNames.get(key);
  if (name === undefined) {
    name = displayedRegionName(region, language);
    regionNames.set(key, name);
  }
  return name;
}

function displayedRegionName(region: string, language: string): string {
  try {
    let names = displayNames.get(language);
    if (names === undefined) {
      names = new Intl.DisplayNames([language], { type: 'region' });
      displayNames.set(language, names);
    }
    const name = names.of(region);
    if (name !== undefined && name !== region) return name;
  } catch {
    // An unknown language tag: use the file's English name below.
  }
  return regionLines(region)?.name ?? region;
}
