import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAttachmentStore } from '../../hub/attachments/attachment-store';
import { fileSignature, visitorKey } from '../../hub/chat/visitor-token';
import { insertAttachment } from '../../hub/db/attachment-queries';
import { ATTACHMENT_NAME_HEADER, ATTACHMENT_PATHS, type StoredAttachment } from '../../shared/protocol/attachments';
import type { ChatAttachment } from '../../shared/domain/chat';
import type { Response } from '../../shared/protocol/errors';
import { VISITOR_PATHS, type VisitorSession } from '../../shared/protocol/visitor';
import { startTestHub, type TestHub } from './helpers/test-hub';
import type { TestStore } from './helpers/test-stores';

const SECRET = 'attachment-suite-secret-0123456789abcdef';
/** Small, so the limit is reached without sending megabytes. */
const MAX_BYTES = 16 * 1024;
/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

type Answer = { status: number; headers: Headers; body: Buffer };

/**
 * The generic attachment route against a real hub: sign-in and role rules,
 * the size limit setting, sniffed types served inline or as downloads with
 * nosniff, byte ranges, and chat files from before the store still served.
 */
export function defineAttachmentSuite(label: string, makeStore: () => Promise<TestStore>): void {
  describe(`attachment store on ${label}`, () => {
    let store: TestStore;
    let t: TestHub;
    const tokens: Record<string, string> = {};
    let png: StoredAttachment;

    const send = async (path: string, init: RequestInit = {}): Promise<Answer> => {
      const response = await fetch(`${t.hub.url}${path}`, init);
      return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
    };
    const upload = (token: string | null, bytes: Buffer, name: string, type = 'application/octet-stream') =>
      send(ATTACHMENT_PATHS.upload, {
        method: 'POST',
        headers: { 'content-type': type, [ATTACHMENT_NAME_HEADER]: encodeURIComponent(name), ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: new Uint8Array(bytes),
      });
    const download = (id: string, token: string | null, extra: Record<string, string> = {}) =>
      send(`${ATTACHMENT_PATHS.file}${id}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra } });
    const errorOf = (answer: Answer) => (JSON.parse(answer.body.toString('utf8')) as Response<unknown> & { ok: false }).error;

    /** A file some other part of the hub filed (a quarantined mail, a recording), straight into the store. */
    async function filed(kind: string, bytes: Buffer, mimeType: string): Promise<string> {
      const id = ulid();
      const { sha256, size } = await createAttachmentStore(store.dataDir).put(bytes);
      await insertAttachment(t.hub.db, { id, sha256, mimeType, size, kind, createdBy: 'test', createdAt: Date.now(), name: `${kind}.bin` });
      return id;
    }

    beforeAll(async () => {
      store = await makeStore();
      t = await startTestHub(store, { SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here`, SWITCHBOARD_SECRET: SECRET, ATTACHMENT_MAX_BYTES: String(MAX_BYTES) });
      for (const name of ['admin', 'supervisor', 'agent1'] as const) tokens[name] = (await t.login(name)).accessToken;
    });

    afterAll(async () => {
      await t?.close();
      await store?.cleanup();
    });

    it('files an upload under its sniffed type and its name', async () => {
      // Declared as text, but the bytes are a PNG: the bytes win.
      const answer = await upload(tokens.agent1 as string, PNG, '截图 screen.png', 'text/plain');
      expect(answer.status).toBe(200);
      png = (JSON.parse(answer.body.toString('utf8')) as { data: StoredAttachment }).data;
      expect(png).toMatchObject({ name: '截图 screen.png', mimeType: 'image/png', size: PNG.length });
      const row = await t.hub.db.selectFrom('attachments').select(['kind', 'name', 'mime_type']).where('id', '=', png.attachmentId).executeTakeFirstOrThrow();
      expect(row).toEqual({ kind: 'upload', name: '截图 screen.png', mime_type: 'image/png' });
    });

    it('refuses uploads without a session (401), from an administrator (403), empty (400) and over the setting (413)', async () => {
      const anonymous = await upload(null, PNG, 'a.png');
      expect([anonymous.status, errorOf(anonymous).code]).toEqual([401, 'token-invalid']);
      const admin = await upload(tokens.admin as string, PNG, 'a.png');
      expect([admin.status, errorOf(admin).code]).toEqual([403, 'forbidden']);
      const empty = await upload(tokens.agent1 as string, Buffer.alloc(0), 'a.png');
      expect([empty.status, errorOf(empty).code]).toEqual([400, 'invalid-payload']);
      const tooBig = await upload(tokens.agent1 as string, Buffer.alloc(MAX_BYTES + 1, 7), 'big.bin');
      expect([tooBig.status, errorOf(tooBig).code]).toEqual([413, 'too-large']);
      expect(errorOf(tooBig).message).toContain('MB');
    });

    it('serves a picture inline, with nosniff, a sandbox and byte ranges', async () => {
      const whole = await download(png.attachmentId, tokens.agent1 as string);
      expect(whole.status).toBe(200);
      expect(whole.headers.get('content-type')).toBe('image/png');
      expect(whole.headers.get('x-content-type-options')).toBe('nosniff');
      expect(whole.headers.get('content-security-policy')).toContain('sandbox');
      expect(whole.headers.get('content-disposition')).toBe(`inline; filename*=UTF-8''${encodeURIComponent('截图 screen.png')}`);
      expect(whole.body.equals(PNG)).toBe(true);

      const part = await download(png.attachmentId, tokens.supervisor as string, { range: 'bytes=1-3' });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe(`bytes 1-3/${PNG.length}`);
      expect(part.body.equals(PNG.subarray(1, 4))).toBe(true);
      const beyond = await download(png.attachmentId, tokens.agent1 as string, { range: `bytes=${PNG.length}-` });
      expect(beyond.status).toBe(416);
    });

    it('serves anything not previewable as a download, never as a page', async () => {
      const answer = await upload(tokens.agent1 as string, Buffer.from('<html><script>alert(1)</script></html>'), 'invoice.html', 'text/html');
      const page = (JSON.parse(answer.body.toString('utf8')) as { data: StoredAttachment }).data;
      expect(page.mimeType).toBe('text/html');
      const served = await download(page.attachmentId, tokens.agent1 as string);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe('application/octet-stream');
      expect(served.headers.get('content-disposition')).toMatch(/^attachment; /);
      expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it('asks for a session (401) and the right role (403), and keeps recordings to their own route', async () => {
      const anonymous = await download(png.attachmentId, null);
      expect([anonymous.status, errorOf(anonymous).code]).toEqual([401, 'token-invalid']);
      const forged = await download(png.attachmentId, 'not-a-token');
      expect(forged.status).toBe(401);
      expect((await download(ulid(), tokens.agent1 as string)).status).toBe(404);

      const raw = await filed('email-raw', Buffer.from('From: x\r\n\r\nhostile'), 'message/rfc822');
      const byAgent = await download(raw, tokens.agent1 as string);
      expect([byAgent.status, errorOf(byAgent).code]).toEqual([403, 'forbidden']);
      const byAdmin = await download(raw, tokens.admin as string);
      expect(byAdmin.status).toBe(200);
      expect(byAdmin.headers.get('content-disposition')).toMatch(/^attachment; /);

      const recording = await filed('recording', Buffer.from('OggS recording bytes'), 'audio/ogg');
      const bySupervisor = await download(recording, tokens.supervisor as string);
      expect([bySupervisor.status, errorOf(bySupervisor).code]).toEqual([403, 'forbidden']);
    });

    it('keeps a new chat file in the store: the visitor’s link and the generic route both serve it', async () => {
      const started = (await t.post(VISITOR_PATHS.start, { widgetId: 'demo', name: 'Lin Mei' })).json as Response<VisitorSession>;
      if (!started.ok) throw new Error(started.error.message);
      const sent = await send(VISITOR_PATHS.upload, {
        method: 'POST',
        headers: { authorization: `Bearer ${started.data.token}`, 'content-type': 'image/png', 'x-file-name': encodeURIComponent('照片.png') },
        body: new Uint8Array(PNG),
      });
      expect(sent.status).toBe(200);
      const attachment = (JSON.parse(sent.body.toString('utf8')) as { data: ChatAttachment }).data;
      const row = await t.hub.db.selectFrom('chat_files').select(['attachment_id', 'bytes']).where('id', '=', attachment.id).executeTakeFirstOrThrow();
      expect(row.attachment_id).toBe(attachment.id);
      expect(Buffer.from(row.bytes).length).toBe(0);
      const stored = await t.hub.db.selectFrom('attachments').select(['kind', 'name', 'mime_type']).where('id', '=', attachment.id).executeTakeFirstOrThrow();
      expect(stored).toEqual({ kind: 'chat', name: '照片.png', mime_type: 'image/png' });

      const byLink = await send(attachment.url);
      expect(byLink.status).toBe(200);
      expect(byLink.body.equals(PNG)).toBe(true);
      expect(byLink.headers.get('x-content-type-options')).toBe('nosniff');
      const byAgent = await download(attachment.id, tokens.agent1 as string, { range: 'bytes=0-7' });
      expect(byAgent.status).toBe(206);
      expect(byAgent.body.equals(PNG.subarray(0, 8))).toBe(true);
    });

    it('still serves a chat file from before the store behind its capability link', async () => {
      const id = ulid();
      const bytes = Buffer.from('an old chat file');
      await t.hub.db
        .insertInto('chat_files')
        .values({ id, conversation_id: ulid(), name: 'old.txt', mime_type: 'text/plain', size: bytes.length, bytes, created_at: Date.now() })
        .execute();
      const link = `${VISITOR_PATHS.file}${id}?sig=${fileSignature(id, visitorKey(SECRET))}`;
      const served = await send(link);
      expect(served.status).toBe(200);
      expect(served.body.toString('utf8')).toBe('an old chat file');
      expect(served.headers.get('content-disposition')).toMatch(/^attachment; /);
    });
  });
}
