import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is built once and hosted two ways: by the hub (web mode) and
// from local files inside Electron. Relative asset paths serve both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    // One ~700 kB chunk is loaded once from local files (Electron) or the offline
    // shell's cache (web mode), so splitting it would buy nothing per visit.
    chunkSizeWarningLimit: 1024,
    rolldownOptions: {
      input: {
        main: 'renderer/index.html',
        // Web mode's offline shell; it must sit at the root to control the whole app.
        'service-worker': 'renderer/offline-shell/service-worker.ts',
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'service-worker' ? 'service-worker.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://127.0.0.1:4310',
      '/socket.io': { target: 'http://127.0.0.1:4310', ws: true },
    },
  },
});
