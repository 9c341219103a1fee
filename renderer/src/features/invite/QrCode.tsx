/** A QR code of a text, drawn as one SVG path (crisp at any size, no canvas, no images). */
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/** Props of {@link QrCode}. */
export interface QrCodeProps {
  text: string;
  /** What a screen reader says instead of the picture. */
  label: string;
}

/** Draws `text` as a QR code with a quiet zone, dark on light in both themes. */
export function QrCode({ text, label }: QrCodeProps) {
  const { path, size } = useMemo(() => {
    const code = qrcode(0, 'M');
    code.addData(text);
    code.make();
    const count = code.getModuleCount();
    let d = '';
    for (let row = 0; row < count; row++) {
      for (let column = 0; column < count; column++) {
        if (code.isDark(row, column)) d += `M${column + 4} ${row + 4}h1v1h-1z`;
      }
    }
    return { path: d, size: count + 8 };
  }, [text]);
  return (
    <svg className="qr-code" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label}>
      <rect width={size} height={size} fill="#ffffff" />
      <path d={path} fill="#1d1916" shapeRendering="crispEdges" />
    </svg>
  );
}
