import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stageApp } from './packaging/stage-app.js';

/** `npm run package` step two: stages the built desktop in dist/app for electron-builder (see packaging/stage-app.ts). */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

stageApp(root, path.join(root, 'dist', 'app')).then(
  () => console.log('staged the desktop in dist/app'),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
