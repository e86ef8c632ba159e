/**
 * Built on its own into dist/renderer/theme.js, a classic script the web host puts in the page's head
 * when it sends a prerendered shell (shared/node/web/pageParts.ts): the theme is set before that shell
 * paints, as main.tsx sets it before React's first render.
 */
import { applyTheme } from './themeChoice';

applyTheme();
