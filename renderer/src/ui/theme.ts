/**
 * Light, dark or system theme: `:root[data-theme=light|dark]` carries the resolved theme (styles.css
 * defines the tokens for both), the choice is remembered in localStorage, and "system" follows the
 * OS (and Electron's View ▸ Theme, which sets what `prefers-color-scheme` reports) as it changes.
 */
import { useEffect, useSyncExternalStore } from 'react';

export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];
export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'runlens.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled (privacy settings): the choice lasts for the page only
  }
}

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === 'string' && (THEME_CHOICES as readonly string[]).includes(value);
}

export function readThemeChoice(): ThemeChoice {
  const saved = storage()?.getItem(STORAGE_KEY);
  return isThemeChoice(saved) ? saved : 'system';
}

export function resolveTheme(choice: ThemeChoice, systemDark: boolean): Theme {
  if (choice === 'system') return systemDark ? 'dark' : 'light';
  return choice;
}

function systemPrefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches;
}

/** Sets `data-theme` on the document root; call once before the first render to avoid a flash. */
export function applyTheme(choice: ThemeChoice = readThemeChoice()): void {
  document.documentElement.dataset.theme = resolveTheme(choice, systemPrefersDark());
}

const listeners = new Set<() => void>();
let current: ThemeChoice | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function snapshot(): ThemeChoice {
  current ??= readThemeChoice();
  return current;
}

export function setThemeChoice(choice: ThemeChoice): void {
  current = choice;
  storage()?.setItem(STORAGE_KEY, choice);
  applyTheme(choice);
  for (const listener of [...listeners]) listener();
}

/** The remembered choice, and the document kept in step with it and with the OS setting. */
export function useThemeChoice(): [ThemeChoice, (choice: ThemeChoice) => void] {
  const choice = useSyncExternalStore(subscribe, snapshot, () => 'system' as const);
  useEffect(() => {
    applyTheme(choice);
    if (choice !== 'system' || typeof matchMedia !== 'function') return undefined;
    const media = matchMedia(DARK_QUERY);
    const follow = () => applyTheme('system');
    media.addEventListener('change', follow);
    return () => media.removeEventListener('change', follow);
  }, [choice]);
  return [choice, setThemeChoice];
}
