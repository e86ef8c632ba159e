// Builds the React UI into dist/renderer. `base: './'` keeps asset URLs relative, so the same build
// loads from Electron's app:// scheme and from the web host at any path.
// No node: imports here: the renderer lint rule forbids them, and Vite defines import.meta.dirname.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    // Relative to root.
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Keep every asset a file: the CSP allows scripts only from 'self'.
    assetsInlineLimit: 0,
  },
});
