import { describe, expect, it } from 'vitest';
import { sniffType } from '../../../../hub/attachments/sniff';
import { oggOpusBytes, webmBytes } from '../../../fixtures/recording-bytes';

describe('sniffing an attachment from its bytes', () => {
  it('knows WebM audio by its EBML header and DocType, and Ogg by its page and Opus head', () => {
    expect(sniffType(webmBytes())).toBe('audio/webm');
    expect(sniffType(oggOpusBytes())).toBe('audio/ogg');
  });

  it('refuses Matroska that is not WebM, Ogg that is not audio, and anything else', () => {
    const matroska = webmBytes();
    matroska.write('mkv\0', 24, 'latin1');
    expect(sniffType(matroska)).toBeNull();
    const oggTheora = oggOpusBytes();
    oggTheora.write('\x80theora\0', 28, 'latin1');
    expect(sniffType(oggTheora)).toBeNull();
    expect(sniffType(Buffer.from('<html><script>alert(1)</script></html>'))).toBeNull();
    expect(sniffType(Buffer.from('RIFF\0\0\0\0WAVEfmt '))).toBeNull();
    expect(sniffType(Buffer.from([0x1a, 0x45, 0xdf]))).toBeNull();
    expect(sniffType(new Uint8Array(0))).toBeNull();
  });

  it('is not fooled by a file named .webm or a DocType far past the header', () => {
    const late = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(100), Buffer.from([0x42, 0x82, 0x84]), Buffer.from('webm')]);
    expect(sniffType(late)).toBeNull();
  });
});
