// Test-only build of the charts harness (see main.tsx) into dist/renderer/harness, which the web host
// serves beside the app (/harness/index.html?token=…). Not part of `npm run build` or the packaged app.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../../dist/renderer/harness',
    emptyOutDir: true,
    assetsInlineLimit: 0,
  },
});
