import type { Configuration } from 'electron-builder';
import { afterPack } from './scripts/packaging/fuses.js';
import { PRODUCT_NAME } from './scripts/packaging/stage-app.js';

/**
 * electron-builder's configuration (it finds this file by name; `npm run
 * package` first stages the built app in dist/app, see
 * scripts/packaging/stage-app.ts). Validated against electron-builder's own
 * schema by `npm run package:check` and by the unit tests, without Electron.
 */

/** tel: and sip: links open the desktop, which dials them (electron/main.ts registers the same schemes). */
const DIAL_PROTOCOLS = [
  { name: 'Telephone call', schemes: ['tel'] },
  { name: 'SIP call', schemes: ['sip'] },
];

const config: Configuration = {
  // The same id main.ts gives Windows (setAppUserModelId), so notifications and the taskbar match the install.
  appId: 'com.switchboard.desktop',
  productName: PRODUCT_NAME,
  copyright: 'Copyright © Switchboard',
  directories: { app: 'dist/app', output: 'dist/packages' },
  asar: true,
  // Only the staged build: never sources, source maps or the visitor widget (the hub serves that one).
  files: ['package.json', 'electron/**/*.js', 'shared/**/*.js', 'renderer/**/*', 'node_modules/**/*', '!**/*.map', '!renderer/widget{,/**/*}', '!renderer/widget.js', '!renderer/widget-demo.html'],
  // The desktop has no native modules: nothing to rebuild against Electron's headers.
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  protocols: DIAL_PROTOCOLS,
  afterPack,
  linux: {
    target: ['AppImage', 'deb'],
    executableName: 'switchboard',
    // Freedesktop categories, written as Categories=Office;Telephony;
    category: 'Office;Telephony',
    maintainer: 'Switchboard packagers <packaging@switchboard.example>',
    synopsis: 'Call-centre agent desktop',
    description: 'Omnichannel agent desktop: softphone, email, chat, SMS, queues, complaints and follow-ups, working offline.',
    syncDesktopName: true,
    // protocols above add MimeType=x-scheme-handler/tel;x-scheme-handler/sip; and Exec gets %U, so the OS hands links over.
    desktop: { entry: { Keywords: 'call;phone;sip;crm;helpdesk;' } },
  },
  deb: { packageCategory: 'net', priority: 'optional' },
  win: { target: ['nsis'] },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.business',
    hardenedRuntime: true,
    extendInfo: {
      NSMicrophoneUsageDescription: 'Switchboard uses the microphone for phone calls with customers.',
      NSCameraUsageDescription: 'Switchboard uses the camera for video calls with customers.',
    },
  },
};

export default config;
