/**
 * The app's page as the web host sends it, in two parts (issue 12). The head goes out at once, so the
 * browser fetches the script and stylesheet it names while the server answers the first calls; the
 * rest follows with those answers (bootData.ts) and the prerendered shell (shellPrerender.ts) inside
 * the app's root element. A module script runs only once the page is complete, so the app never
 * starts without them.
 */
import type { BootAnswer } from '../../common/firstScreen';
import { bootDataBlock } from './bootData';

/** The app's root element, empty in the built index.html. */
const ROOT_ELEMENT = '<div id="root"></div>';

/** Sets the theme before anything paints (renderer/src/ui/themeBoot.ts, built beside index.html). */
export const THEME_SCRIPT_FILE = 'theme.js';
const THEME_SCRIPT = `<script src="./${THEME_SCRIPT_FILE}"></script>`;

export interface PageParts {
  /** Sent at once. */
  start: string;
  /** Sent when there; it never rejects. */
  rest: Promise<string>;
}

export interface FirstScreen {
  answers: readonly BootAnswer[];
  /** The shell's HTML, when prerendered in time. */
  shell?: string | undefined;
}

/**
 * Splits `html` at the root element. `themeScript`: the page may paint a prerendered shell before the
 * app's script runs, so the theme must be set by then. A page without the root element (not a build
 * of ours) is sent as it is.
 */
export function pageParts(
  html: string,
  firstScreen: Promise<FirstScreen>,
  options: { themeScript: boolean },
): PageParts {
  const at = html.indexOf(ROOT_ELEMENT);
  if (at < 0) return { start: html, rest: Promise.resolve('') };
  const head = html.slice(0, at);
  const tail = html.slice(at + ROOT_ELEMENT.length);
  const rest = firstScreen.then(
    ({ answers, shell }) => `${bootDataBlock(answers)}<div id="root">${shell ?? ''}</div>${tail}`,
    () => `${ROOT_ELEMENT}${tail}`,
  );
  return { start: options.themeScript ? withThemeScript(head) : head, rest };
}

/**
 * At the end of the head: the browser has then asked for the app's script and stylesheet already, and
 * the theme script runs once the stylesheet is there (a classic script waits for it), before the body
 * (the shell) can paint.
 */
function withThemeScript(head: string): string {
  const at = head.indexOf('</head>');
  return at < 0 ? head : head.slice(0, at) + THEME_SCRIPT + head.slice(at);
}
