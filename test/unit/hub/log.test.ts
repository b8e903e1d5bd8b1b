import { describe, expect, it } from 'vitest';
import { createLogger, logFormatFrom } from '../../../hub/log';

describe('logFormatFrom', () => {
  it('takes LOG_FORMAT, else pretty at a terminal and JSON for a service manager', () => {
    expect(logFormatFrom({ LOG_FORMAT: 'JSON ' }, true)).toBe('json');
    expect(logFormatFrom({ LOG_FORMAT: 'pretty' }, false)).toBe('pretty');
    expect(logFormatFrom({}, true)).toBe('pretty');
    expect(logFormatFrom({ LOG_FORMAT: '' }, false)).toBe('json');
    expect(() => logFormatFrom({ LOG_FORMAT: 'xml' }, true)).toThrow(/LOG_FORMAT="xml": must be json or pretty/);
  });
});

describe('createLogger', () => {
  it('writes one JSON object a line, with level names, the message and the detail', () => {
    const lines: string[] = [];
    const log = createLogger('info', 'json', (line) => lines.push(line));
    log.info('hub listening', { port: 4310 });
    log.error('relay failed', new Error('connection refused'));
    log.debug('not at info');
    expect(lines).toHaveLength(2);
    const [info, error] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(info).toMatchObject({ level: 'info', msg: 'hub listening', detail: { port: 4310 }, name: 'switchboard-hub' });
    expect(typeof info?.time).toBe('string');
    expect(error).toMatchObject({
      level: 'error',
      msg: 'relay failed',
      err: { type: 'Error', message: 'connection refused', stack: expect.stringContaining('connection refused') },
    });
  });

  it('keeps LOG_LEVEL: silent writes nothing, warn drops info', () => {
    const lines: string[] = [];
    for (const format of ['json', 'pretty'] as const) {
      createLogger('silent', format, (line) => lines.push(line)).error('never');
      const warn = createLogger('warn', format, (line) => lines.push(line));
      warn.info('dropped');
      warn.warn(`kept ${format}`);
    }
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('"msg":"kept json"');
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z warn {2}kept pretty$/);
  });
});
