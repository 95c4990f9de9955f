// Builds the admin UI into static files (ui/dist) that the gateway serves at /ui.
// Run from the repository root: `npx vite build --config ui/vite.config.ts`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Anchor paths to this file, not to the working directory, so the build works from anywhere.
const uiRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: uiRoot,
  // The gateway mounts the bundle under /ui/, so asset URLs must carry that prefix.
  base: '/ui/',
  plugins: [svelte()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    // `vite --config ui/vite.config.ts` during development: forward API calls to a local gateway.
    proxy: {
      '/healthz': process.env.SWITCHYARD_GATEWAY_URL ?? 'http://127.0.0.1:8080',
      '/api': process.env.SWITCHYARD_GATEWAY_URL ?? 'http://127.0.0.1:8080',
    },
  },
});
