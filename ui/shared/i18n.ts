// French and English for every app. Each app declares its dictionaries with `translator({fr,
// en})` (the French one is the reference: the English one must have the same keys, checked by
// the compiler). The language is chosen once per page load — `?lang=`, then what the user
// picked before (localStorage), then the browser's language — and can be switched live:
// components that use `LanguageController` re-render.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export const languages = ['fr', 'en'] as const;
export type Lang = (typeof languages)[number];
export const defaultLang: Lang = 'fr';
export const langStorageKey = 'pass.lang';

export type Params = Record<string, string | number>;
export type Translate<K extends string> = (key: K, params?: Params) => string;

/** A `t(key, params)` over one app's dictionaries, in the current language. `{name}` is replaced by params.name. */
export function translator<K extends string>(dictionaries: { fr: Record<K, string>; en: Record<K, string> }): Translate<K> {
  return (key, params) => interpolate(dictionaries[currentLang][key] ?? dictionaries.fr[key] ?? key, params);
}

export function getLang(): Lang {
  return currentLang;
}

/** Switches the language of the page, remembers it, and re-renders every listening component. */
export function setLang(lang: Lang): void {
  if (!isLang(lang) || lang === currentLang) return;
  currentLang = lang;
  safeStorage()?.setItem(langStorageKey, lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  // A `?lang=` left in the address would win on the next reload: keep it in step.
  if (typeof location !== 'undefined' && new URLSearchParams(location.search).has('lang')) {
    const url = new URL(location.href);
    url.searchParams.set('lang', lang);
    history.replaceState(history.state, '', url);
  }
  for (const listener of listeners) listener(lang);
}

export function onLangChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Pure: `?lang=` first, then the stored choice, then the browser's language, then French. */
export function detectLang(search: string, stored: string | null | undefined, browserLanguages: readonly string[]): Lang {
  const fromQuery = new URLSearchParams(search).get('lang')?.toLowerCase();
  if (isLang(fromQuery)) return fromQuery;
  if (isLang(stored)) return stored;
  for (const tag of browserLanguages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLang(base)) return base;
  }
  return defaultLang;
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** Makes its host re-render when the language changes. */
export class LanguageController implements ReactiveController {
  private off: (() => void) | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.off = onLangChange(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.off?.();
    this.off = undefined;
  }
}

function interpolate(text: string, params: Params | undefined): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

function safeStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // storage disabled (private mode, sandboxed frame)
  }
}

function initialLang(): Lang {
  if (typeof location === 'undefined') return defaultLang;
  const browser = typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language];
  return detectLang(location.search, safeStorage()?.getItem(langStorageKey), browser);
}

let currentLang: Lang = initialLang();
const listeners = new Set<(lang: Lang) => void>();
if (typeof document !== 'undefined') document.documentElement.lang = currentLang;
