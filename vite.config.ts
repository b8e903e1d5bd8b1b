import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const OUT_DIR = '../dist/renderer';
/** Absolute, so the dev server's dependency scan finds the widget's pages as the build does. */
const source = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

// The renderer is built once and hosted two ways: by the hub (web mode) and
// from local files inside Electron. Relative asset paths serve both.
//
// Three builds land in one directory (`vite build` runs them in order, the
// first emptying it): the desktop, the visitor chat widget's frame and demo
// page, and the widget's loader. They share no chunks, so a shop's visitor
// never downloads desktop code, and the widget's files sit under /widget/,
// where the desktop's offline shell leaves them alone.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: OUT_DIR,
    emptyOutDir: false,
    sourcemap: true,
    // One ~700 kB chunk is loaded once from local files (Electron) or the offline
    // shell's cache (web mode), so splitting it would buy nothing per visit.
    chunkSizeWarningLimit: 1024,
  },
  environments: {
    client: {
      build: {
        emptyOutDir: true,
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
    },
    widget: {
      consumer: 'client',
      build: {
        rolldownOptions: {
          input: { frame: source('./renderer/widget/frame.html'), demo: source('./renderer/widget-demo.html') },
          output: {
            entryFileNames: 'widget/assets/[name]-[hash].js',
            chunkFileNames: 'widget/assets/[name]-[hash].js',
            assetFileNames: 'widget/assets/[name]-[hash][extname]',
          },
        },
      },
    },
    // `/widget.js` runs on other people's pages as a classic script: one
    // self-contained IIFE with a fixed name, no import or export.
    widgetLoader: {
      consumer: 'client',
      build: {
        sourcemap: false,
        rolldownOptions: {
          input: source('./renderer/widget/loader/widget-loader.ts'),
          output: { format: 'iife', entryFileNames: 'widget.js' },
        },
      },
    },
  },
  builder: {
    async buildApp(builder) {
      for (const name of ['client', 'widget', 'widgetLoader']) {
        const environment = builder.environments[name];
        if (!environment) throw new Error(`vite.config.ts: no ${name} environment`);
        await builder.build(environment);
      }
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
