import { describe, expect, it } from 'vitest';
import { surveyFormPage, surveyMessagePage, SURVEY_PAGE_HEADERS } from '../../../../hub/surveys/survey-page';
import { newSurveyToken, surveyTokenHash } from '../../../../hub/surveys/survey-token';
import { SurveyTokenSchema } from '../../../../shared/protocol/surveys';
import { surveyPageText } from '../../../../shared/surveys/survey-page-text';

describe('survey tokens', () => {
  it('are 128 random bits in the link shape, never repeated', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newSurveyToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) expect(SurveyTokenSchema.safeParse(token).success).toBe(true);
    expect(Buffer.from(newSurveyToken(), 'base64url')).toHaveLength(16);
  });

  it('are stored as a hash that does not contain the token', () => {
    const token = newSurveyToken();
    const hash = surveyTokenHash(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
    expect(surveyTokenHash(token)).toBe(hash);
    expect(surveyTokenHash(newSurveyToken())).not.toBe(hash);
  });
});

describe('survey page', () => {
  it('has no script, and its one style block is allowed by hash only', () => {
    const html = surveyFormPage(surveyPageText('en'), { token: 'AbCdEfGhIjKlMnOpQrSt_-', nps: true, problem: null });
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('name="nps"');
    const csp = SURVEY_PAGE_HEADERS['Content-Security-Policy'] ?? '';
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain('unsafe-inline');
  });

  it('escapes what it shows', () => {
    const html = surveyMessagePage(surveyPageText('zh-CN'), '<b>', '"><img src=x onerror=alert(1)>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;b&gt;');
    expect(html).toContain('<html lang="zh-CN">');
  });
});
