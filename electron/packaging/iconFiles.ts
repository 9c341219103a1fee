/**
 * Readers and writers of the two icon containers, written out here because both are
 * small: an ICO is a 6-byte header, a 16-byte directory entry per image and the images;
 * an ICNS is `icns` + total length, then per image a 4-character type, its length
 * (header included) and the image. Both hold PNG images here. The readers exist so the
 * tests check the committed files, not the code that wrote them.
 */

/** The width and height in a PNG's IHDR chunk; throws when the bytes are not a PNG. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.length < 24 || signature.some((byte, at) => png[at] !== byte)) {
    throw new Error('not a PNG image');
  }
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** An ICO file holding `images` (PNG bytes), in the order given. */
export function writeIco(images: readonly Uint8Array[]): Uint8Array {
  const headerSize = 6 + 16 * images.length;
  const total = headerSize + images.reduce((sum, image) => sum + image.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint16(2, 1, true); // type 1: icon
  view.setUint16(4, images.length, true);
  let offset = headerSize;
  images.forEach((image, index) => {
    const { width, height } = pngSize(image);
    const entry = 6 + 16 * index;
    // 0 stands for 256 in the one-byte width and height.
    view.setUint8(entry, width >= 256 ? 0 : width);
    view.setUint8(entry + 1, height >= 256 ? 0 : height);
    view.setUint16(entry + 4, 1, true); // colour planes
    view.setUint16(entry + 6, 32, true); // bits per pixel
    view.setUint32(entry + 8, image.length, true);
    view.setUint32(entry + 12, offset, true);
    out.set(image, offset);
    offset += image.length;
  });
  return out;
}

/** The pixel size of each image in an ICO file, read from the images themselves. */
export function readIcoSizes(ico: Uint8Array): number[] {
  const view = new DataView(ico.buffer, ico.byteOffset, ico.byteLength);
  if (view.getUint16(0, true) !== 0 || view.getUint16(2, true) !== 1) throw new Error('not an ICO');
  const sizes: number[] = [];
  for (let index = 0; index < view.getUint16(4, true); index++) {
    const entry = 6 + 16 * index;
    const length = view.getUint32(entry + 8, true);
    const offset = view.getUint32(entry + 12, true);
    const { width, height } = pngSize(ico.subarray(offset, offset + length));
    const listed = view.getUint8(entry) === 0 ? 256 : view.getUint8(entry);
    if (width !== height || width !== listed) throw new Error(`ICO image ${index} is not square`);
    sizes.push(width);
  }
  return sizes;
}

/** An ICNS file holding each `[type, png]` pair. */
export function writeIcns(
  images: readonly (readonly [type: string, png: Uint8Array])[],
): Uint8Array {
  const total = 8 + images.reduce((sum, [, image]) => sum + 8 + image.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const ascii = (text: string, at: number): void => {
    for (let i = 0; i < 4; i++) out[at + i] = text.charCodeAt(i);
  };
  ascii('icns', 0);
  view.setUint32(4, total);
  let offset = 8;
  for (const [type, image] of images) {
    ascii(type, offset);
    view.setUint32(offset + 4, 8 + image.length);
    out.set(image, offset + 8);
    offset += 8 + image.length;
  }
  return out;
}

/** Each image type in an ICNS file with the pixel size of its PNG. */
export function readIcnsImages(icns: Uint8Array): { type: string; size: number }[] {
  const view = new DataView(icns.buffer, icns.byteOffset, icns.byteLength);
  const text = (at: number): string => String.fromCharCode(...icns.subarray(at, at + 4));
  if (text(0) !== 'icns' || view.getUint32(4) !== icns.length) throw new Error('not an ICNS');
  const images: { type: string; size: number }[] = [];
  for (let offset = 8; offset < icns.length;) {
    const length = view.getUint32(offset + 4);
    if (length < 8 || offset + length > icns.length) throw new Error('a damaged ICNS entry');
    const { width, height } = pngSize(icns.subarray(offset + 8, offset + length));
    if (width !== height) throw new Error(`ICNS image ${text(offset)} is not square`);
    images.push({ type: text(offset), size: width });
    offset += length;
  }
  return images;
}
