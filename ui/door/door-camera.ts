// The phone's back camera read for QR codes with jsQR (shared/qr-decode.ts: works in any
// browser, BarcodeDetector or not). A frame is decoded every `frameMs`; a code is
// announced once (`qr` event) and the same code again only after `sameCodeMs`, so a ticket held
// in front of the camera is one scan, not ten.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { decodeQrFrame } from '../shared/qr-decode.js';
import { baseStyles } from '../shared/styles.js';

const frameMs = 150;
const sameCodeMs = 4_000;

@customElement('door-camera')
export class DoorCamera extends LitElement {
  /** Shown over the picture while scanning. */
  @property() aim = '';
  private stream: MediaStream | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private last = { text: '', atMs: 0 };
  private readonly canvas = document.createElement('canvas');

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      :host([hidden]) {
        display: none;
      }
      .frame {
        position: relative;
        border-radius: var(--pass-radius);
        overflow: hidden;
        background: #000;
        aspect-ratio: 4 / 3;
        max-height: 42vh;
        margin: 0 auto;
      }
      video {
        width: 100%;
        height: 100%;
        object-fit: cover;
        display: block;
      }
      .aim {
        position: absolute;
        inset: 14%;
        border: 4px solid rgb(255 255 255 / 0.85);
        border-radius: 16px;
        pointer-events: none;
      }
      .aim span {
        position: absolute;
        bottom: -2.2em;
        left: 0;
        right: 0;
        text-align: center;
        color: #fff;
        font-weight: 700;
        text-shadow: 0 1px 3px #000;
      }
    `,
  ];

  override render() {
    return html`<div class="frame"><video muted playsinline aria-hidden="true"></video><div class="aim"><span>${this.aim}</span></div></div>`;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  /** Opens the camera (the back one when there is a choice); rejects with the browser's reason. */
  async start(): Promise<void> {
    if (this.stream) return;
    if (!navigator.mediaDevices?.getUserMedia) throw new Error('NO_CAMERA_API');
    this.stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
    await this.updateComplete;
    const video = this.renderRoot.querySelector('video')!;
    video.srcObject = this.stream;
    await video.play().catch(() => undefined);
    this.timer = setInterval(() => this.readFrame(video), frameMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = null;
  }

  get running(): boolean {
    return this.stream !== null;
  }

  private readFrame(video: HTMLVideoElement): void {
    const text = decodeQrFrame(video, this.canvas);
    if (!text) return;
    const now = Date.now();
    if (text === this.last.text && now - this.last.atMs < sameCodeMs) return;
    this.last = { text, atMs: now };
    this.dispatchEvent(new CustomEvent('qr', { detail: text, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'door-camera': DoorCamera;
  }
}
