// QR scanning for the admin's door check: the device's camera read with jsQR
// (shared/qr-decode.ts, any browser). Where there is no camera, it says so and the code is typed
// instead. Sends `code` with the text of each QR code read (once per code).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { LanguageController } from '../../shared/i18n.js';
import { decodeQrFrame } from '../../shared/qr-decode.js';
import { baseStyles, buttonStyles } from '../../shared/styles.js';
import { tl } from './messages.js';

const scanEveryMs = 300;

@customElement('qr-camera')
export class QrCamera extends LitElement {
  @state() private status: 'off' | 'starting' | 'on' | 'unsupported' | 'denied' = 'off';
  @state() private reason = '';
  private stream: MediaStream | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastCode = '';
  private readonly canvas = document.createElement('canvas');

  static override styles = [
    baseStyles,
    buttonStyles,
    css`
      :host {
        display: block;
        margin-top: var(--pass-space-4);
      }
      video {
        width: 100%;
        max-width: 420px;
        border-radius: var(--pass-radius);
        background: #000;
        display: block;
        margin-top: var(--pass-space-2);
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  override render() {
    const on = this.status === 'on' || this.status === 'starting';
    return html`<button type="button" data-testid="door-camera" @click=${on ? this.stop : this.start}>${on ? tl('door.cameraStop') : tl('door.camera')}</button>
      ${this.status === 'unsupported' ? html`<p class="muted" role="status">${tl('door.cameraUnavailable')}</p>` : nothing}
      ${this.status === 'denied' ? html`<p class="muted" role="status">${tl('door.cameraDenied', { reason: this.reason })}</p>` : nothing}
      ${on ? html`<video playsinline muted></video>` : nothing}`;
  }

  private readonly start = async () => {
    if (!navigator.mediaDevices?.getUserMedia) {
      this.status = 'unsupported';
      return;
    }
    this.status = 'starting';
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    } catch (err) {
      this.status = 'denied';
      this.reason = err instanceof Error ? err.name : String(err);
      return;
    }
    this.status = 'on';
    await this.updateComplete;
    const video = this.renderRoot.querySelector('video');
    if (!video) return this.stop();
    video.srcObject = this.stream;
    await video.play().catch(() => undefined);
    this.timer = setInterval(() => this.scan(video), scanEveryMs);
  };

  private scan(video: HTMLVideoElement): void {
    const code = decodeQrFrame(video, this.canvas);
    if (!code || code === this.lastCode) return;
    this.lastCode = code;
    this.dispatchEvent(new CustomEvent<string>('code', { detail: code }));
  }

  private readonly stop = () => {
    clearInterval(this.timer);
    this.stream?.getTracks().forEach((track) => track.stop());
    this.stream = undefined;
    this.lastCode = '';
    if (this.status === 'on' || this.status === 'starting') this.status = 'off';
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'qr-camera': QrCamera;
  }
}
