import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The packaged app is staged in dist/app/ with a package.json of its own
 * (electron-builder's "two package.json" layout). The project's package.json
 * lists the hub's runtime dependencies too — Postgres, Redis, SQLite (native),
 * SMTP/IMAP — and electron-builder would copy every one of them into the
 * desktop's archive; the desktop's main process needs only these.
 */
export const DESKTOP_RUNTIME_DEPENDENCIES = ['zod'] as const;

/** Built output the desktop runs, relative to dist/ (see electron/tsconfig.build.json and vite.config.ts). */
export const STAGED_FOLDERS = ['electron', 'shared', 'renderer'] as const;

export const PRODUCT_NAME = 'Switchboard';
/** Electron takes the Wayland app_id / X11 WM_CLASS from this; the .desktop file carries the same name. */
export const DESKTOP_NAME = 'switchboard.desktop';

interface ProjectPackage {
  name: string;
  version: string;
  description?: string;
  main: string;
  type?: string;
  dependencies?: Record<string, string>;
}

export class StageError extends Error {
  override name = 'StageError';
}

/** The staged package.json: the project's identity, the desktop's entry point and only its runtime dependencies. */
export function stagedPackageJson(project: ProjectPackage): Record<string, unknown> {
  const dependencies: Record<string, string> = {};
  for (const name of DESKTOP_RUNTIME_DEPENDENCIES) {
    const range = project.dependencies?.[name];
    if (range === undefined) throw new StageError(`package.json has no dependency "${name}", which the desktop needs at run time`);
    dependencies[name] = range;
  }
  if (!project.main.startsWith('dist/')) throw new StageError(`package.json "main" (${project.main}) is not under dist/`);
  return {
    name: project.name,
    productName: PRODUCT_NAME,
    version: project.version,
    description: project.description ?? PRODUCT_NAME,
    author: { name: PRODUCT_NAME, email: 'packaging@switchboard.example' },
    desktopName: DESKTOP_NAME,
    main: project.main.slice('dist/'.length),
    type: project.type ?? 'commonjs',
    dependencies,
  };
}

/**
 * Copies the built desktop (dist/electron, dist/shared, dist/renderer) and its
 * runtime dependencies from the project's node_modules into `stageDir`.
 * Offline: nothing is installed, so a dependency that itself has
 * dependencies is refused rather than half-copied.
 */
export async function stageApp(projectDir: string, stageDir: string): Promise<void> {
  const project = JSON.parse(await readFile(path.join(projectDir, 'package.json'), 'utf8')) as ProjectPackage;
  const manifest = stagedPackageJson(project);
  await rm(stageDir, { recursive: true, force: true });
  await mkdir(stageDir, { recursive: true });
  for (const folder of STAGED_FOLDERS) {
    const from = path.join(projectDir, 'dist', folder);
    await cp(from, path.join(stageDir, folder), { recursive: true }).catch((error: unknown) => {
      throw new StageError(`${from} is missing; run "npm run build" first (${error instanceof Error ? error.message : String(error)})`);
    });
  }
  for (const name of DESKTOP_RUNTIME_DEPENDENCIES) {
    const from = path.join(projectDir, 'node_modules', name);
    const dependency = JSON.parse(await readFile(path.join(from, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    if (Object.keys(dependency.dependencies ?? {}).length > 0) throw new StageError(`${name} has dependencies of its own; stage them too`);
    await cp(from, path.join(stageDir, 'node_modules', name), { recursive: true });
  }
  await writeFile(path.join(stageDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}
