// A bus subscription held only while someone needs it: a feature not in use (no balance screen
// showing a card on this node) costs no message decoding per ledger row. Holders count up and down;
// the last release unsubscribes after a linger, so a kiosk tapped every few seconds does not
// subscribe and unsubscribe each time.
import type { Bus, BusHandler } from './port.js';

export interface OnDemandSubscription {
  /** Resolves once messages are delivered: what is published after it is seen. */
  hold(): Promise<void>;
  release(): void;
  readonly active: boolean;
}

export function onDemandSubscription(bus: Bus, channel: string, handler: BusHandler, lingerMs = 60_000): OnDemandSubscription {
  let holders = 0;
  let subscribed: Promise<() => Promise<void>> | null = null;
  let linger: NodeJS.Timeout | null = null;
  const stopLinger = () => {
    if (linger) clearTimeout(linger);
    linger = null;
  };
  return {
    get active() {
      return subscribed !== null;
    },
    async hold() {
      holders++;
      stopLinger();
      subscribed ??= bus.subscribe(channel, handler);
      try {
        await subscribed;
      } catch (err) {
        holders--;
        subscribed = null; // the next hold tries again
        throw err;
      }
    },
    release() {
      holders = Math.max(0, holders - 1);
      if (holders > 0 || !subscribed) return;
      stopLinger();
      linger = setTimeout(() => {
        linger = null;
        if (holders > 0 || !subscribed) return;
        const unsubscribe = subscribed;
        subscribed = null;
        void unsubscribe.then((off) => off()).catch(() => undefined);
      }, lingerMs);
      linger.unref();
    },
  };
}
