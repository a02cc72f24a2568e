// Vite builds the dashboard into web/dist (`npm run build:web`), which `faultline serve` serves at /.
// `npm run dev:web` serves it with hot reload and hands API paths to a `faultline serve` on port 8080.
import { defineConfig } from 'vite';

const api = 'http://127.0.0.1:8080';

export default defineConfig({
  // Relative asset URLs: the built app works at / and behind a proxy under any path.
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // MapLibre alone is ~1 MB minified; it is one cached, content-hashed file, so the warning says nothing.
    chunkSizeWarningLimit: 1600,
  },
  server: {
    proxy: Object.fromEntries(['/events', '/documents', '/stats', '/trends', '/boundaries', '/review', '/me', '/docs', '/health'].map((p) => [p, api])),
  },
});
