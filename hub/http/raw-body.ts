import type { IncomingMessage } from 'node:http';

/**
 * The whole body as bytes, refusing more than `limit` (with the caller's
 * error) before reading it when the length is declared, and as soon as it
 * passes the limit when it is not. The rest of a refused body is read and
 * dropped, never kept: the caller answers with `Connection: close`, node
 * closes the connection once the answer is out, and because nothing sent so
 * far is left unread the close is a clean FIN, so the client gets the answer
 * (closing over unread bytes would reset the connection and lose it).
 */
export function readBody(request: IncomingMessage, limit: number, tooLarge: () => Error): Promise<Buffer> {
  if (Number(request.headers['content-length'] ?? 0) > limit) {
    request.resume();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.off('data', onData);
        request.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('error', reject);
    request.once('end', () => {
      if (size <= limit) resolve(Buffer.concat(chunks));
    });
  });
}
