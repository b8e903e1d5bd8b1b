import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { linuxDesktopEntry, loadBuilderConfig, parseDesktopEntry, validateBuilderConfig } from './packaging/validate-config.js';

/**
 * `npm run package:check`: everything about packaging that can be checked
 * without downloading Electron — electron-builder loads electron-builder.ts
 * and validates it against its schema, and its Linux helper writes the
 * .desktop entry, which must hand tel: and sip: links to the app.
 * `npm run package` does the real build on a machine that can fetch Electron.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  const config = await loadBuilderConfig(root);
  await validateBuilderConfig(config);
  const { version } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const desktop = parseDesktopEntry(await linuxDesktopEntry(config, version));
  const mime = desktop.get('MimeType') ?? '';
  for (const scheme of ['tel', 'sip']) {
    if (!mime.split(';').includes(`x-scheme-handler/${scheme}`)) throw new Error(`the .desktop entry does not claim ${scheme}: links (MimeType=${mime})`);
  }
  if (!/ %U$/.test(desktop.get('Exec') ?? '')) throw new Error(`the .desktop entry's Exec does not pass the link on: ${desktop.get('Exec')}`);
  const targets = (platform: { target?: unknown } | null | undefined) => JSON.stringify(platform?.target ?? null);
  console.log(
    JSON.stringify({
      ok: true,
      appId: config.appId,
      productName: config.productName,
      linux: targets(config.linux),
      win: targets(config.win),
      mac: targets(config.mac),
      desktopEntry: Object.fromEntries(desktop),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
