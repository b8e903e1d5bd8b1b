/**
 * Whether an attachment can run code when opened: programs and scripts,
 * installers, shortcuts, office files with macros, and HTML that carries
 * script. The desktop flags these and never opens them by itself. Pure: the
 * name, the declared and sniffed types and (for HTML/SVG) the text decide.
 */

/** Extensions Windows, macOS or an office suite will run or load code from. */
const DANGEROUS_EXTENSIONS = new Set([
  'exe', 'com', 'scr', 'pif', 'cpl', 'msi', 'msp', 'mst', 'dll', 'sys', 'bat', 'cmd', 'ps1', 'psm1', 'psd1', 'vbs', 'vbe',
  'js', 'jse', 'mjs', 'wsf', 'wsh', 'wsc', 'hta', 'jar', 'lnk', 'url', 'reg', 'inf', 'scf', 'chm', 'application', 'gadget',
  'msc', 'vb', 'sh', 'app', 'command', 'dmg', 'pkg', 'apk', 'appx', 'msix', 'iso', 'img', 'vhd', 'vhdx',
  // Office formats that may carry macros (the x-less and -m variants).
  'docm', 'dotm', 'xlsm', 'xltm', 'xlam', 'xla', 'pptm', 'potm', 'ppam', 'ppsm', 'sldm', 'doc', 'dot', 'xls', 'xlt', 'ppt', 'pot', 'pps',
]);

const DANGEROUS_TYPES = new Set([
  'application/x-msdownload', 'application/x-dosexec', 'application/x-msdos-program', 'application/x-executable', 'application/x-elf',
  'application/x-mach-binary', 'application/java-archive', 'application/x-java-archive', 'application/x-msi', 'application/x-ms-installer',
  'application/javascript', 'text/javascript', 'application/x-javascript', 'text/vbscript', 'application/x-sh', 'application/x-bat',
  'application/hta', 'application/x-ms-shortcut', 'application/vnd.ms-excel.sheet.macroenabled.12',
  'application/vnd.ms-word.document.macroenabled.12', 'application/vnd.ms-powerpoint.presentation.macroenabled.12',
  'application/x-ole-storage', 'application/msword', 'application/vnd.ms-excel', 'application/vnd.ms-powerpoint',
]);

/** Markup a browser would run script from: script tags, event handlers, `javascript:` URLs. */
const ACTIVE_MARKUP = /<script\b|\son[a-z]+\s*=|javascript\s*:|<iframe\b|<object\b|<embed\b/i;

export type AttachmentFacts = {
  name: string;
  declaredType: string;
  sniffedType: string;
  /** The start of the file as text, read for HTML and SVG only. */
  head?: string;
};

const extensionsOf = (name: string): string[] =>
  name
    .toLowerCase()
    .replace(/[\s.]+$/, '')
    .split('.')
    .slice(1);

export function isDangerousAttachment(facts: AttachmentFacts): boolean {
  // Every extension counts: `invoice.pdf.exe` and `invoice.exe.pdf` are both refused.
  if (extensionsOf(facts.name).some((extension) => DANGEROUS_EXTENSIONS.has(extension))) return true;
  const types = [facts.declaredType.toLowerCase(), facts.sniffedType.toLowerCase()];
  if (types.some((type) => DANGEROUS_TYPES.has(type))) return true;
  const markup = types.some((type) => type === 'text/html' || type === 'image/svg+xml' || type === 'application/xhtml+xml');
  const markupName = extensionsOf(facts.name).some((extension) => ['html', 'htm', 'xhtml', 'svg', 'shtml'].includes(extension));
  return (markup || markupName) && ACTIVE_MARKUP.test(facts.head ?? '');
}
