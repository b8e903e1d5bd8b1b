import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import { fail, ok } from '../../shared/protocol/errors';
import { SURVEY_PATHS, SurveyAnswerRequestSchema, SurveyAnswerSchema } from '../../shared/protocol/surveys';
import { surveyPageText } from '../../shared/surveys/survey-page-text';
import { pageLocale } from '../../shared/surveys/survey-rules';
import { type BucketPolicy, FloodGuard } from '../chat/flood-guard';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { BodyError, readJsonBody, sendJson } from '../http/json-body';
import { readBody } from '../http/raw-body';
import { invalidPayload } from '../sync/payload-issues';
import { type AnswerOutcome, answerSurvey, lookUpSurvey, type SurveyAnswerDeps, type SurveyLinkProblem } from './survey-answer';
import { SURVEY_PAGE_HEADERS, surveyFormPage, surveyMessagePage } from './survey-page';
import { clientAddress } from '../http/client-address';

export type SurveyHttpDeps = SurveyAnswerDeps & { db: Kysely<Database>; clock: Clock; policy?: BucketPolicy };

/**
 * Per client address: sixty page loads or answers at once, then one a second.
 * Links are 128-bit secrets, so this is not what stops guessing; it keeps one
 * address from flooding the store (an office behind one NAT still answers freely).
 */
export const SURVEY_REQUESTS: BucketPolicy = { burst: 60, refillMs: 1_000 };

const FORM_LIMIT = 16 * 1024;

/** A form field as a number: absent or blank is undefined, anything else that is not a number fails the schema as NaN. */
const formNumber = (value: string | null): number | undefined => (value === null || value.trim() === '' ? undefined : Number(value));

/** The widget posts from the chat frame, which may sit on the shop's origin: the token is the credential, so any origin may. */
const ANSWER_CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type',
  'Access-Control-Max-Age': '600',
};

/** A link that cannot be answered: not found (forged), conflict (answered), gone (expired). */
const PROBLEM_STATUS: Record<SurveyLinkProblem, number> = { invalid: 404, answered: 409, expired: 410 };

/**
 * The survey's public side: the page a mail's or text's link opens (and its
 * form post), and the JSON answer the chat widget sends. Nobody signs in:
 * the link's secret is the only credential, and requests are rate-limited
 * per client address.
 */
export function createSurveyHttp(deps: SurveyHttpDeps) {
  const guard = new FloodGuard(deps.policy ?? SURVEY_REQUESTS, deps.clock);

  const allowed = (request: IncomingMessage): { allowed: true } | { allowed: false; retryAfterSec: number } =>
    // The socket's peer address; X-Forwarded-For is not trusted, anyone can write it.
    guard.take(clientAddress(request));

  function sendPage(response: ServerResponse, status: number, html: string, extra: Record<string, string> = {}): void {
    response.writeHead(status, { ...SURVEY_PAGE_HEADERS, 'Content-Length': String(Buffer.byteLength(html)), ...extra });
    response.end(html);
  }

  async function handlePage(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const text = surveyPageText(pageLocale(url.searchParams.get('lang'), request.headers['accept-language']));
    // Never decoded: a token is base64url, so anything else is simply not one.
    const token = url.pathname.slice(SURVEY_PATHS.page.length);
    const take = allowed(request);
    if (!take.allowed) return sendPage(response, 429, surveyMessagePage(text, text.title, text.rateLimited), { 'Retry-After': String(take.retryAfterSec) });
    const problemPage = (problem: SurveyLinkProblem) => {
      const [title, message] =
        problem === 'invalid' ? [text.invalidTitle, text.invalid] : problem === 'answered' ? [text.answeredTitle, text.answered] : [text.expiredTitle, text.expired];
      sendPage(response, PROBLEM_STATUS[problem], surveyMessagePage(text, title, message));
    };

    if (request.method === 'GET' || request.method === 'HEAD') {
      const found = await lookUpSurvey(deps.db, token, deps.clock());
      if (!found.ok) return problemPage(found.problem);
      return sendPage(response, 200, surveyFormPage(text, { token, nps: found.survey.asksNps, problem: null }));
    }
    if (request.method !== 'POST') {
      response.writeHead(405, { Allow: 'GET, HEAD, POST' });
      response.end();
      return;
    }
    let form: URLSearchParams;
    try {
      form = new URLSearchParams((await readBody(request, FORM_LIMIT, () => new Error('too large'))).toString('utf8'));
    } catch {
      return sendPage(response, 413, surveyMessagePage(text, text.badAnswerTitle, text.badAnswer), { Connection: 'close' });
    }
    const parsed = SurveyAnswerSchema.safeParse({ csat: formNumber(form.get('csat')), nps: formNumber(form.get('nps')) ?? null, comment: form.get('comment') ?? '' });
    const outcome: AnswerOutcome | null = parsed.success ? await answerSurvey(deps, token, parsed.data, deps.clock()) : null;
    if (outcome?.ok) return sendPage(response, 200, surveyMessagePage(text, text.thanksTitle, text.thanks));
    if (outcome && outcome.problem !== 'nps-missing') return problemPage(outcome.problem);
    // A bad score (a hand-made post, the NPS left out): the form again, saying what to fix, if the link still works.
    const found = await lookUpSurvey(deps.db, token, deps.clock());
    if (!found.ok) return problemPage(found.problem);
    return sendPage(response, 400, surveyFormPage(text, { token, nps: found.survey.asksNps, problem: text.badAnswer }));
  }

  async function handleAnswer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method === 'OPTIONS') {
      response.writeHead(204, ANSWER_CORS);
      response.end();
      return;
    }
    if (request.method !== 'POST') return sendJson(response, 405, fail('invalid-payload', `${SURVEY_PATHS.answer} takes POST.`), { ...ANSWER_CORS, Allow: 'POST, OPTIONS' });
    const take = allowed(request);
    if (!take.allowed) {
      return sendJson(response, 429, fail('rate-limited', 'Too many survey requests from this address; try again shortly.', { retryAfterSec: take.retryAfterSec }), {
        ...ANSWER_CORS,
        'Retry-After': String(take.retryAfterSec),
      });
    }
    let body: unknown;
    try {
      body = await readJsonBody(request);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      return sendJson(response, error.status, { ok: false, error: error.error }, { ...ANSWER_CORS, Connection: 'close' });
    }
    const parsed = SurveyAnswerRequestSchema.safeParse(body);
    if (!parsed.success) {
      const error = invalidPayload(parsed.error, 'The survey answer');
      // A token of the wrong shape cannot name a survey: the same answer as a forged one.
      const status = error.issues?.some((issue) => issue.path === 'token') ? 404 : 400;
      if (status === 404) return sendJson(response, 404, fail('not-found', 'This is not a valid survey link.'), ANSWER_CORS);
      return sendJson(response, 400, { ok: false, error }, ANSWER_CORS);
    }
    const { token, ...answer } = parsed.data;
    const outcome = await answerSurvey(deps, token, answer, deps.clock());
    if (outcome.ok) return sendJson(response, 200, ok({ surveyId: outcome.survey.id }), ANSWER_CORS);
    switch (outcome.problem) {
      case 'invalid':
        return sendJson(response, 404, fail('not-found', 'This is not a valid survey link.'), ANSWER_CORS);
      case 'answered':
        return sendJson(response, 409, fail('conflict', 'This survey has already been answered — thank you.'), ANSWER_CORS);
      case 'expired':
        return sendJson(response, 410, fail('token-expired', 'This survey link has expired.'), ANSWER_CORS);
      case 'nps-missing':
        return sendJson(
          response,
          400,
          fail('invalid-payload', 'The survey answer needs the 0–10 recommendation score.', { issues: [{ path: 'nps', message: 'required: an integer from 0 to 10' }] }),
          ANSWER_CORS,
        );
    }
  }

  return {
    handles: (pathname: string): boolean => pathname === SURVEY_PATHS.answer || (pathname.startsWith(SURVEY_PATHS.page) && pathname.length > SURVEY_PATHS.page.length),

    async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
      const url = new URL(request.url ?? '/', 'http://hub.invalid');
      if (url.pathname === SURVEY_PATHS.answer) return handleAnswer(request, response);
      return handlePage(request, response, url);
    },
  };
}

export type SurveyHttp = ReturnType<typeof createSurveyHttp>;
