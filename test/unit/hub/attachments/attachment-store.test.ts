import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, describe, expect, it } from 'vitest';
import { createAttachmentStore } from '../../../../hub/attachments/attachment-store';
import { contentPath, sha256Of } from '../../../../hub/attachments/content-path';

describe('the content-addressed attachment store', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-attachments-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('names a file by the SHA-256 of its bytes and fans it out by the first two bytes of the hash', () => {
    const hash = sha256Of(Buffer.from('abc'));
    expect(hash).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(contentPath('/data/attachments', hash)).toBe(join('/data/attachments', 'ba', '78', hash));
  });

  it('never makes a path from anything but a hash', () => {
    expect(() => contentPath('/data', '../../etc/passwd')).toThrow(/SHA-256/);
    expect(() => contentPath('/data', 'BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD')).toThrow(/SHA-256/);
  });

  it('keeps the same bytes once, under the data dir, and reads them back whole or by range', async () => {
    const dir = dataDir();
    const store = createAttachmentStore(dir);
    const bytes = Buffer.from('0123456789');
    const first = await store.put(bytes);
    const again = await store.put(Buffer.from(bytes));
    expect(again).toEqual(first);
    expect(first).toEqual({ sha256: sha256Of(bytes), size: 10 });
    const path = contentPath(join(dir, 'attachments'), first.sha256);
    expect(readFileSync(path, 'utf8')).toBe('0123456789');
    // Nothing is left half-written beside it.
    expect(readdirSync(join(dir, 'attachments', 'incoming'))).toEqual([]);
    expect(await text(store.read(first.sha256))).toBe('0123456789');
    expect(await text(store.read(first.sha256, { start: 3, end: 5 }))).toBe('345');
  });
});
