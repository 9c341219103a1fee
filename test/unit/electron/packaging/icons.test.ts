/**
 * Every platform's icon exists at the sizes it needs, read from the committed files
 * themselves (made by `npm run icons` from resources/icons/hearth.svg).
 */
import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builderConfig } from '../../../../electron/packaging/builderConfig';
import {
  pngSize,
  readIcnsImages,
  readIcoSizes,
  writeIcns,
  writeIco,
} from '../../../../electron/packaging/iconFiles';
import {
  ICON_PATHS,
  LINUX_ICON_SIZES,
  MAC_ICON_TYPES,
  WINDOWS_ICON_SIZES,
} from '../../../../electron/packaging/iconSizes';

const ROOT = resolve(import.meta.dirname, '../../../..');
const read = async (path: string): Promise<Uint8Array> =>
  new Uint8Array(await readFile(join(ROOT, path)));

describe('the icons', () => {
  it('come from one source image', async () => {
    const svg = await readFile(join(ROOT, ICON_PATHS.source), 'utf8');
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 1024 1024"/);
  });

  it('Linux: a PNG per hicolor size, each the size its name says', async () => {
    const names = (await readdir(join(ROOT, ICON_PATHS.linuxDir))).sort();
    expect(names).toEqual(LINUX_ICON_SIZES.map((size) => `${size}x${size}.png`).sort());
    for (const size of LINUX_ICON_SIZES) {
      expect(pngSize(await read(`${ICON_PATHS.linuxDir}/${size}x${size}.png`))).toEqual({
        width: size,
        height: size,
      });
    }
    expect(builderConfig.linux.icon).toBe(ICON_PATHS.linuxDir);
  });

  it('Windows: an ICO with every size from 16 to 256', async () => {
    expect(readIcoSizes(await read(ICON_PATHS.windows))).toEqual([...WINDOWS_ICON_SIZES]);
    expect(builderConfig.win.icon).toBe(ICON_PATHS.windows);
  });

  it('macOS: an ICNS with every type from 16 to 1024 (Retina included)', async () => {
    expect(readIcnsImages(await read(ICON_PATHS.mac))).toEqual(
      MAC_ICON_TYPES.map(([type, size]) => ({ type, size })),
    );
    expect(builderConfig.mac.icon).toBe(ICON_PATHS.mac);
  });

  it('the container readers refuse what is not an icon', () => {
    expect(() => readIcoSizes(new Uint8Array(22))).toThrow(/not an ICO|PNG/);
    expect(() => readIcnsImages(new Uint8Array([1, 2, 3, 4, 0, 0, 0, 8]))).toThrow(/not an ICNS/);
    expect(() => pngSize(new Uint8Array(30))).toThrow(/not a PNG/);
  });

  it('the writers and readers agree', async () => {
    const png16 = await read(`${ICON_PATHS.linuxDir}/16x16.png`);
    const png32 = await read(`${ICON_PATHS.linuxDir}/32x32.png`);
    expect(readIcoSizes(writeIco([png16, png32]))).toEqual([16, 32]);
    expect(
      readIcnsImages(
        writeIcns([
          ['icp4', png16],
          ['icp5', png32],
        ]),
      ),
    ).toEqual([
      { type: 'icp4', size: 16 },
      { type: 'icp5', size: 32 },
    ]);
  });
});
