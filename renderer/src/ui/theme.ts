/**
 * Light, dark or system theme: `:root[data-theme=light|dark]` carries the resolved theme (styles.css
 * defines the tokens for both), the choice is remembered in localStorage, and "system" follows the
 * OS (and Electron's View ▸ Theme, which sets what `prefers-color-scheme` reports) as it changes.
 */
import { useEffect, useSyncExternalStore } from 'react';
import {
  applyTheme,
  DARK_QUERY,
  readThemeChoice,
  storage,
  STORAGE_KEY,
  type ThemeChoice,
} from './themeChoice';

export {
  applyTheme,
  isThemeChoice,
  readThemeChoice,
  resolveTheme,
  THEME_CHOICES,
  type Theme,
  type ThemeChoice,
} from './themeChoice';

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

/**
 * The remembered choice, and the document kept in step with it and with the OS setting. Null while
 * the page's HTML is rendered on the server (prerender/renderShell.tsx), which cannot know it.
 */
export function useThemeChoice(): [ThemeChoice | null, (choice: ThemeChoice) => void] {
  const choice = useSyncExternalStore<ThemeChoice | null>(subscribe, snapshot, () => null);
  useEffect(() => {
    if (choice === null) return undefined;
    applyTheme(choice);
    if (choice !== 'system' || typeof matchMedia !== 'function') return undefined;
    const media = matchMedia(DARK_QUERY);
    const follow = () => applyTheme('system');
    media.addEventListener('change', follow);
    return () => media.removeEventListener('change', follow);
  }, [choice]);
  return [choice, setThemeChoice];
}
