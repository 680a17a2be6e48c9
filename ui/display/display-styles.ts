// The public screen's look: full screen, deep blue, huge type readable across a bar on a TV,
// still comfortable on a 360 px phone. The footer holds the reader status and the typed UID.
import { css } from 'lit';

export const displayStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 100vh;
    min-height: 100dvh;
    background: radial-gradient(circle at 30% 20%, #1a66e0 0%, #0a4fbf 40%, #062b66 100%);
    color: #fff;
    --lang-switch-border: rgb(255 255 255 / 0.5);
    --lang-switch-active-bg: #fff;
    --lang-switch-active-text: #0a4fbf;
  }
  main {
    flex: 1;
    display: flex;
    flex-direction: column;
    justify-content: center;
    align-items: stretch;
    padding: clamp(16px, 4vw, 48px);
    position: relative;
  }
  .idle {
    text-align: center;
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: var(--pass-space-3);
  }
  .art {
    width: clamp(160px, 26vw, 300px);
    height: auto;
  }
  .wave {
    animation: wave 2.4s ease-in-out infinite;
    opacity: 0.2;
  }
  .w2 {
    animation-delay: 0.3s;
  }
  .w3 {
    animation-delay: 0.6s;
  }
  @keyframes wave {
    0%,
    100% {
      opacity: 0.2;
    }
    40% {
      opacity: 1;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .wave {
      animation: none;
      opacity: 0.8;
    }
  }
  .idle h1 {
    font-size: clamp(2.6rem, 8vw, 6.5rem);
    font-weight: 900;
    letter-spacing: -0.02em;
    line-height: 1.05;
  }
  .idle .other {
    margin: 0;
    font-size: clamp(1.4rem, 3.6vw, 3rem);
    font-weight: 600;
    opacity: 0.8;
  }
  .idle .hint {
    margin: var(--pass-space-2) 0 0;
    font-size: clamp(1rem, 2vw, 1.5rem);
    opacity: 0.9;
    max-width: 34ch;
  }
  .spinner {
    width: 96px;
    height: 96px;
    border-radius: 50%;
    border: 10px solid rgb(255 255 255 / 0.25);
    border-top-color: #fff;
    animation: spin 0.9s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  .close {
    position: absolute;
    top: var(--pass-space-3);
    right: var(--pass-space-3);
    color: #fff;
    min-height: 40px;
  }
  .error {
    align-self: center;
    text-align: center;
    background: #fff;
    color: var(--pass-danger);
    border-radius: 20px;
    border: 6px solid var(--pass-danger);
    padding: clamp(20px, 4vw, 48px) clamp(20px, 6vw, 72px);
    max-width: 900px;
    box-shadow: 0 10px 40px rgb(0 0 0 / 0.35);
  }
  .error h1 {
    font-size: clamp(2rem, 6vw, 4.5rem);
    font-weight: 900;
    margin: var(--pass-space-2) 0;
  }
  .error p {
    color: var(--pass-text);
    font-size: clamp(1.1rem, 2.4vw, 1.7rem);
    margin: 0;
  }
  footer {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    justify-content: space-between;
    gap: var(--pass-space-3);
    padding: var(--pass-space-3) clamp(12px, 3vw, 32px);
    background: rgb(0 0 0 / 0.22);
  }
  .pills {
    display: flex;
    flex-wrap: wrap;
    gap: var(--pass-space-2);
  }
  .pill {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    font-size: 0.9rem;
    padding: 4px 10px;
    border-radius: 999px;
    background: rgb(255 255 255 / 0.14);
    white-space: nowrap;
  }
  .pill::before {
    content: '';
    width: 9px;
    height: 9px;
    border-radius: 50%;
    background: #f0b429;
  }
  .pill.ok::before {
    background: #3ddc84;
  }
  .pill.bad::before {
    background: #ff6b6b;
  }
  .typed {
    flex: 1 1 320px;
    max-width: 520px;
  }
  .typed label {
    display: block;
    font-size: 0.85rem;
    opacity: 0.85;
    margin-bottom: 4px;
  }
  .typed .row {
    display: flex;
    gap: var(--pass-space-2);
  }
  .typed input {
    flex: 1;
    min-width: 0;
    font: inherit;
    font-family: var(--pass-font-mono);
    font-size: 1.05rem;
    text-transform: uppercase;
    min-height: 44px;
    padding: 0 var(--pass-space-3);
    border-radius: var(--pass-radius-small);
    border: 2px solid rgb(255 255 255 / 0.5);
    background: rgb(255 255 255 / 0.95);
    color: var(--pass-text);
  }
  .typed input::placeholder {
    text-transform: none;
    color: #6b7280;
  }
  .typed button.show {
    min-height: 44px;
    background: #fff;
    border-color: #fff;
    color: var(--pass-primary);
  }
  .typed button.show:hover {
    background: #e8efff;
  }
  .typed-error {
    margin: 6px 0 0;
    font-weight: 600;
    color: #ffd7d4;
  }
`;
