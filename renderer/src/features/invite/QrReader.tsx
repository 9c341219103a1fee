/**
 * Reads an invite's QR code with the laptop's camera. The camera is asked for only while
 * this reader is on screen: Hearth's main process allows it to Hearth's own page only
 * between `camera.reader(true)` and `camera.reader(false)` (electron/main/cameraGate.ts),
 * and every track is stopped when the reader goes. Frames are decoded with jsQR on a
 * small canvas a few times a second; nothing is kept or sent anywhere. jsQR is a third of
 * the page's code and only this reader needs it: it is fetched with the camera, not at
 * every opening of Hearth.
 */
import type jsQR from 'jsqr';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hearth } from '../../lib/hearthApi';
import { FieldError } from '../../app/FieldError';

// A few decodes a second find a code held up to the camera within a moment, and leave
// the page idle in between.
const SCAN_INTERVAL_MS = 200;
// Decoding a frame of this width takes a few milliseconds; a QR code held up fills it.
const SCAN_WIDTH = 640;

/** Where the camera stands. */
type CameraState = 'starting' | 'scanning' | 'no-camera' | 'refused' | 'failed';

/** Props of {@link QrReader}. */
export interface QrReaderProps {
  /** Called with each QR code's text; returns true when it was an invite (the reader then stops). */
  onText: (text: string) => boolean;
}

/** The camera picture with what the reader is doing, while mounted. */
export function QrReader({ onText }: QrReaderProps) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<CameraState>('starting');
  const [notInvite, setNotInvite] = useState(false);
  const handle = useRef(onText);
  useEffect(() => {
    handle.current = onText;
  }, [onText]);

  useEffect(() => {
    let live = true;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | null = null;
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });

    let decode: typeof jsQR | null = null;

    const scan = (): void => {
      const element = video.current;
      if (element === null || context === null || decode === null || element.videoWidth === 0)
        return;
      const scale = Math.min(1, SCAN_WIDTH / element.videoWidth);
      canvas.width = Math.round(element.videoWidth * scale);
      canvas.height = Math.round(element.videoHeight * scale);
      context.drawImage(element, 0, 0, canvas.width, canvas.height);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      const code = decode(image.data, image.width, image.height, {
        inversionAttempts: 'dontInvert',
      });
      if (code === null || code.data === '') return;
      if (handle.current(code.data)) {
        if (timer !== null) clearInterval(timer);
        timer = null;
      } else setNotInvite(true);
    };

    const start = async (): Promise<void> => {
      const [decoder] = await Promise.all([
        import('jsqr'),
        hearth.camera.reader(true).catch(() => undefined),
      ]);
      decode = decoder.default;
      // Absent where the page is not a secure context, or the browser has no media support.
      const devices = navigator.mediaDevices as MediaDevices | undefined;
      if (devices === undefined) throw new DOMException('no camera', 'NotFoundError');
      const opened = await devices.getUserMedia({
        video: { width: { ideal: 1280 }, height: { ideal: 720 } },
        audio: false,
      });
      if (!live) {
        for (const track of opened.getTracks()) track.stop();
        return;
      }
      stream = opened;
      const element = video.current;
      if (element !== null) {
        element.srcObject = opened;
        await element.play().catch(() => undefined);
      }
      setState('scanning');
      timer = setInterval(scan, SCAN_INTERVAL_MS);
    };

    start().catch((error: unknown) => {
      if (!live) return;
      const name = error instanceof Error ? error.name : '';
      setState(
        name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError'
          ? 'no-camera'
          : name === 'NotAllowedError' || name === 'SecurityError'
            ? 'refused'
            : 'failed',
      );
      void hearth.camera.reader(false).catch(() => undefined);
    });

    return () => {
      live = false;
      if (timer !== null) clearInterval(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
      void hearth.camera.reader(false).catch(() => undefined);
    };
  }, []);

  const problem =
    state === 'no-camera'
      ? t('qrReader.noCamera')
      : state === 'refused'
        ? t('qrReader.refused')
        : state === 'failed'
          ? t('qrReader.failed')
          : null;
  return (
    <div className="qr-reader">
      {problem === null ? (
        <>
          <video
            ref={video}
            className="qr-reader__video"
            aria-label={t('qrReader.label')}
            muted
            playsInline
          />
          <p className="field__hint" role="status">
            {state === 'starting' ? t('qrReader.starting') : t('qrReader.hint')}
          </p>
          <FieldError message={notInvite ? t('qrReader.notInvite') : null} announce={false} />
        </>
      ) : (
        <FieldError message={problem} />
      )}
    </div>
  );
}
