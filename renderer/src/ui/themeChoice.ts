/**
 * The theme choice and its application to the document, without React: also run on its own before
 * the page's first paint (themeBoot.ts), so a prerendered page never flashes the wrong theme.
 */
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];
export type Theme = 'light' | 'dark';

export const STORAGE_KEY = 'runlens.theme';
export const DARK_QUERY = '(prefers-color-scheme: dark)';

export function storage(): Storage | null {
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
