import { describe, expect, it } from 'vitest';
import { isMacPlatform, platformKeys } from '../../../../renderer/src/app/keyboardPlatform';
import en from '../../../../resources/locales/en.json';
import es from '../../../../resources/locales/es.json';

const MAC_SAFARI =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)';

describe('shortcut keys as the computer names them', () => {
  it('knows a Mac from its platform or, failing that, its user agent', () => {
    expect(isMacPlatform({ platform: 'MacIntel' })).toBe(true);
    expect(isMacPlatform({ userAgentData: { platform: 'macOS' }, platform: 'MacIntel' })).toBe(
      true,
    );
    expect(isMacPlatform({ userAgent: MAC_SAFARI })).toBe(true);
    expect(isMacPlatform({ platform: 'Linux x86_64', userAgent: 'X11; Linux x86_64' })).toBe(false);
    expect(isMacPlatform({ userAgentData: { platform: 'Windows' }, platform: 'Win32' })).toBe(
      false,
    );
  });

  it('writes ⌘ on a Mac for every shortcut in the sheet, in both languages', () => {
    for (const words of [en.shortcuts, es.shortcuts]) {
      for (const { keys } of Object.values(words)) {
        expect(platformKeys(keys, true)).not.toContain('Ctrl');
        expect(platformKeys(keys, true)).toContain('⌘');
        expect(platformKeys(keys, false)).toBe(keys);
      }
    }
    expect(platformKeys('Ctrl+Shift+M', true)).toBe('⇧⌘M');
    expect(platformKeys('Ctrl+,', true)).toBe('⌘,');
  });
});
