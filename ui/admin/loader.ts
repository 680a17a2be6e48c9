// One screen's data as an explicit status (initial → pending → complete | error), in the manner
// of @lit/task: the host says which arguments the data depends on; when they change, the data
// is fetched again, and an answer to an older request is dropped (a slow reply for the previous
// collective never overwrites the current one). A reload keeps the previous value on screen.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError } from '../shared/api.js';

export type LoadState<T> =
  | { status: 'initial' }
  | { status: 'pending'; value?: T }
  | { status: 'complete'; value: T }
  | { status: 'error'; error: ApiError; value?: T };

export interface LoaderOptions<T, A extends readonly unknown[]> {
  /** What the data depends on; a falsy first argument means "nothing to load yet". */
  args: () => A;
  task: (args: A, signal: AbortSignal) => Promise<T>;
}

/** Sent on window when a request finds the session gone. */
export const sessionEndedEvent = 'admin:session-ended';

export class Loader<T, A extends readonly unknown[] = readonly unknown[]> implements ReactiveController {
  state: LoadState<T> = { status: 'initial' };
  private lastArgs: A | undefined;
  private controller: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: LoaderOptions<T, A>,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const args = this.options.args();
    if (this.lastArgs && sameArgs(args, this.lastArgs)) return;
    this.lastArgs = args;
    if (!args[0]) return;
    void this.run(args);
  }

  hostDisconnected(): void {
    this.controller?.abort();
    // Connected again later (a tab switched back): load afresh.
    this.lastArgs = undefined;
  }

  /** The current value, also while reloading or after a failed reload. */
  get value(): T | undefined {
    return 'value' in this.state ? this.state.value : undefined;
  }

  /** Fetches again with the current arguments (after a change the screen made). */
  reload(): Promise<void> {
    const args = this.options.args();
    this.lastArgs = args;
    return args[0] ? this.run(args) : Promise.resolve();
  }

  /** Replaces the value with one the server just answered (no second request). */
  set(value: T): void {
    this.controller?.abort();
    this.state = { status: 'complete', value };
    this.host.requestUpdate();
  }

  private async run(args: A): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.state = { status: 'pending', value: this.value };
    this.host.requestUpdate();
    try {
      const value = await this.options.task(args, controller.signal);
      if (controller.signal.aborted) return; // a newer request owns the screen
      this.state = { status: 'complete', value };
    } catch (err) {
      if (controller.signal.aborted) return;
      const error = err instanceof ApiError ? err : new ApiError('INTERNAL', err instanceof Error ? err.message : String(err), 0);
      this.state = { status: 'error', error, value: this.value };
      // The session ended (expired, signed out elsewhere): the app goes back to its sign-in form.
      if (error.code === 'UNAUTHORIZED' && typeof window !== 'undefined') window.dispatchEvent(new Event(sessionEndedEvent));
    }
    this.host.requestUpdate();
  }
}

function sameArgs(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}
