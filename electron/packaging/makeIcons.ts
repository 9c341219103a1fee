/**
 * `npm run icons`: makes every platform's icons from the one source image
 * (resources/icons/hearth.svg), at the sizes in ./iconSizes.ts. Rendering uses Debian's
 * `rsvg-convert` (package librsvg2-bin); the ICO and ICNS containers are written by
 * ./iconFiles.ts. The outputs are committed, so building Hearth needs none of this.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeIcns, writeIco } from './iconFiles';
import { ICON_PATHS, LINUX_ICON_SIZES, MAC_ICON_TYPES, WINDOWS_ICON_SIZES } from './iconSizes';

const root = resolve(import.meta.dirname, '../..');

function render(size: number): Uint8Array {
  try {
    return new Uint8Array(
      execFileSync(
        'rsvg-convert',
        ['-w', `${size}`, '-h', `${size}`, join(root, ICON_PATHS.source)],
        {
          maxBuffer: 64 * 1024 * 1024,
        },
      ),
    );
  } catch (error) {
    throw new Error(
      `rsvg-convert could not render the icon (apt-get install librsvg2-bin): ${String(error)}`,
      { cause: error },
    );
  }
}

async function main(): Promise<void> {
  const sizes = new Set<number>([
    ...LINUX_ICON_SIZES,
    ...WINDOWS_ICON_SIZES,
    ...MAC_ICON_TYPES.map(([, size]) => size),
  ]);
  const rendered = new Map([...sizes].map((size) => [size, render(size)] as const));
  const png = (size: number): Uint8Array => rendered.get(size)!;

  const linuxDir = join(root, ICON_PATHS.linuxDir);
  await rm(linuxDir, { recursive: true, force: true });
  await mkdir(linuxDir, { recursive: true });
  for (const size of LINUX_ICON_SIZES) {
    await writeFile(join(linuxDir, `${size}x${size}.png`), png(size));
  }
  await writeFile(join(root, ICON_PATHS.windows), writeIco(WINDOWS_ICON_SIZES.map(png)));
  await writeFile(
    join(root, ICON_PATHS.mac),
    writeIcns(MAC_ICON_TYPES.map(([type, size]) => [type, png(size)] as const)),
  );
  console.log(
    `Made ${LINUX_ICON_SIZES.length} PNGs, an ICO of ${WINDOWS_ICON_SIZES.length} images and an ICNS of ${MAC_ICON_TYPES.length} from ${ICON_PATHS.source}.`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
