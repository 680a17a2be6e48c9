// QR codes read from a video frame with jsQR: pure JavaScript, so it works in every browser
// (Chromium on Linux and Firefox have no BarcodeDetector). The frame is scaled down to
// `maxSidePx` first: a ticket's QR is large in the picture and small frames decode fast.
import jsQRModule from 'jsqr';

type Decoder = (data: Uint8ClampedArray, width: number, height: number, options?: { inversionAttempts?: 'dontInvert' | 'attemptBoth' }) => { data: string } | null;
// jsQR is CommonJS (`exports.default`): depending on the bundler's interop the default import
// is the function or the module object holding it.
const imported = jsQRModule as unknown;
const jsQR: Decoder = typeof imported === 'function' ? (imported as Decoder) : (imported as { default: Decoder }).default;
const maxSidePx = 640;

/** The text of a QR code in the video's current frame, or null. */
export function decodeQrFrame(video: HTMLVideoElement, canvas: HTMLCanvasElement): string | null {
  if (video.readyState < 2 || !video.videoWidth) return null;
  const scale = Math.min(1, maxSidePx / Math.max(video.videoWidth, video.videoHeight));
  const width = Math.round(video.videoWidth * scale);
  const height = Math.round(video.videoHeight * scale);
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(video, 0, 0, width, height);
  return jsQR(context.getImageData(0, 0, width, height).data, width, height, { inversionAttempts: 'dontInvert' })?.data || null;
}
