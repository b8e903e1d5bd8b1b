/**
 * An attachment's name as the sender wrote it, made safe to show and to save
 * under: only the last path segment (`../../etc/passwd` → `passwd`,
 * `C:\boot.ini` → `boot.ini`), no control characters (a NUL or line break
 * would cut or split the name wherever it is written), no bidi controls (a
 * right-to-left override makes `invoice\u202Efdp.exe` show as
 * `invoiceexe.pdf`), no characters Windows refuses in a file name, and no
 * leading dots (a hidden file, or `..` itself). Null when nothing usable is
 * left; the caller names the file itself then.
 */

const CONTROL_AND_BIDI = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;
const WINDOWS_RESERVED = /[<>:"|?*]/g;
const MAX_NAME = 255;

export function safeFileName(raw: string): string | null {
  const segment = raw.split(/[/\\]/).pop() ?? '';
  const name = segment.replace(CONTROL_AND_BIDI, '').replace(WINDOWS_RESERVED, '_').trim().replace(/^\.+/, '').trim();
  if (name === '') return null;
  if (name.length <= MAX_NAME) return name;
  // Cut to the schema's length, keeping the extension (it decides how the file opens) and never half a character.
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  const stem = Array.from(extension === '' ? name : name.slice(0, dot));
  let length = extension.length;
  let kept = 0;
  while (kept < stem.length && length + (stem[kept]?.length ?? 0) <= MAX_NAME) length += stem[kept++]?.length ?? 0;
  return `${stem.slice(0, kept).join('')}${extension}`;
}
