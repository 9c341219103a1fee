import { describe, expect, it } from 'vitest';
import lines from '../../../../resources/crisis/lines.json';
import {
  checkCrisisDirectory,
  readCrisisDirectory,
  smsHref,
  telHref,
} from '../../../../shared/crisis/crisisDirectory';

const today = new Date().toISOString().slice(0, 10);

// The regions the issue asks for; a region may be added, none of these removed.
const REQUIRED = ['US', 'CA', 'GB', 'IE', 'AU', 'NZ', 'DE', 'FR', 'NL', 'ES', 'IN', 'ZA'];

describe('the bundled crisis lines', () => {
  it('fit the format, with no check dated in the future', () => {
    const checked = checkCrisisDirectory(lines, { today });
    expect(checked.ok ? 'ok' : checked.reason).toBe('ok');
  });

  it('give every required region an emergency number and at least one line', () => {
    const directory = readCrisisDirectory(lines);
    for (const code of REQUIRED) {
      const region = directory.regions.find((r) => r.region === code);
      expect(region, code).toBeDefined();
      expect(region!.emergency.numbers.length, code).toBeGreaterThan(0);
      expect(region!.lines.length, code).toBeGreaterThan(0);
    }
  });

  it('name, number, official source and date of check for every line', () => {
    for (const region of readCrisisDirectory(lines).regions) {
      expect(region.emergency.sourceUrl).toMatch(/^https?:\/\//);
      for (const line of region.lines) {
        expect(line.name, line.id).not.toBe('');
        expect(line.phones.length, line.id).toBeGreaterThan(0);
        expect(line.sourceUrl, line.id).toMatch(/^https?:\/\//);
        expect(line.checkedOn <= today, line.id).toBe(true);
        expect(line.verification, line.id).not.toBe('');
      }
    }
  });

  it('refuses a line without a number, a future check and a duplicate region', () => {
    const region = lines.regions[0]!;
    const noNumber = structuredClone(lines);
    noNumber.regions[0]!.lines[0]!.phones = [];
    expect(checkCrisisDirectory(noNumber, { today })).toMatchObject({ ok: false });

    const future = structuredClone(lines);
    future.regions[0]!.lines[0]!.checkedOn = '2999-01-01';
    const checked = checkCrisisDirectory(future, { today });
    expect(checked.ok ? '' : checked.reason).toContain('after today');
    // The app reads without `today`: a laptop with a wrong clock still shows the lines.
    expect(checkCrisisDirectory(future).ok).toBe(true);

    const twice = structuredClone(lines);
    twice.regions.push(structuredClone(region));
    expect(checkCrisisDirectory(twice, { today })).toMatchObject({ ok: false });

    const noSource = structuredClone(lines) as unknown as { regions: { lines: object[] }[] };
    delete (noSource.regions[0]!.lines[0] as { sourceUrl?: string }).sourceUrl;
    expect(checkCrisisDirectory(noSource, { today })).toMatchObject({ ok: false });
  });

  it('dials the digits of a number as written, never anything else', () => {
    expect(telHref('116 123')).toBe('tel:116123');
    expect(telHref('0800 111 0 111')).toBe('tel:08001110111');
    expect(telHref('+44 116 123')).toBe('tel:+44116123');
    expect(smsHref('0477 13 11 14')).toBe('sms:0477131114');
  });
});
