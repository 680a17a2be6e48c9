// The dashboard shell's look: a dark header (title, collective, live status, language, sign-out)
// over the board; on a phone the header wraps and the page padding shrinks.
import { css } from 'lit';
import { shellStyles } from '../shared/shell-styles.js';

export const appStyles = [
  shellStyles,
  css`
    h1 .collective {
      opacity: 0.85;
    }
    .status {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      font-size: 0.9rem;
      white-space: nowrap;
    }
    .status::before {
      content: '';
      width: 10px;
      height: 10px;
      border-radius: 50%;
      background: #f0b429;
    }
    .status.live::before {
      background: #3ddc84;
      box-shadow: 0 0 0 3px rgb(61 220 132 / 0.3);
    }
    .status.down::before {
      background: #ff6b6b;
    }
    main {
      max-width: 1440px;
      margin: 0 auto;
      padding: var(--pass-space-4);
    }
    .center {
      max-width: 480px;
    }
    .center h2 {
      margin-bottom: var(--pass-space-4);
    }
    @media (max-width: 560px) {
      header button {
        padding: 0 var(--pass-space-3);
      }
      main {
        padding: var(--pass-space-3) var(--pass-space-2);
      }
    }
  `,
];
