// A QR code shown to Chromium's fake camera: the text is drawn (qrcode's module matrix, 4-module
// quiet zone) into a one-frame Y4M video that Chromium loops as the camera picture
// (--use-file-for-fake-video-capture). Grey levels only: Y plane drawn, chroma planes neutral.
import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

const width = 640;
const height = 480;

export function writeQrVideo(path: string, text: string): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const cell = Math.floor(Math.min(width, height) * 0.85 / (size + 8));
  const side = cell * (size + 8);
  const left = Math.floor((width - side) / 2) + 4 * cell;
  const top = Math.floor((height - side) / 2) + 4 * cell;
  const y = Buffer.alloc(width * height, 235);
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++) {
      if (!qr.modules.get(r, c)) continue;
      for (let dy = 0; dy < cell; dy++) y.fill(16, (top + r * cell + dy) * width + left + c * cell, (top + r * cell + dy) * width + left + (c + 1) * cell);
    }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  writeFileSync(path, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), Buffer.from('FRAME\n'), y, chroma]));
}

export function fakeCameraArgs(videoPath: string): string[] {
  return ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${videoPath}`];
}
