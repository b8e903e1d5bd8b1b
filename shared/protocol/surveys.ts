import { z } from 'zod';
import { UlidSchema } from '../domain/ids';
import { stripControlChars } from '../surveys/survey-comment';

/**
 * Satisfaction surveys (满意度调查) between the customer, the hub and the
 * admin's desktop. A survey goes out when a task or complaint closes, by the
 * channel it came in on; the customer answers through a link (a small page
 * the hub serves) or the chat widget's prompt, both posting to one route.
 */

export const SURVEY_PATHS = {
  /** GET <prefix><token>: the survey page; POST (form-encoded) the page's answer, answered with a page. */
  page: '/survey/',
  /** POST JSON { token, csat, nps?, comment? }: the widget's answer (and any script's), answered with JSON. */
  answer: '/api/surveys/answer',
} as const;

/** The secret in a survey link: 128 random bits, base64url (22 characters). Only its hash is stored. */
export const SurveyTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'not a survey link');

export const SURVEY_COMMENT_MAX = 2000;

/** The channels a survey can be asked by: the task's own, or the SMS a call is followed up with. */
export const SurveyChannelSchema = z.enum(['email', 'sms', 'call', 'chat']);
export type SurveyChannel = z.infer<typeof SurveyChannelSchema>;

/**
 * The customer's answer, as the widget sends it (the page's form fields are
 * read into numbers first, survey-http.ts). `nps` is required only when the
 * survey asked it (checked by the hub).
 */
export const SurveyAnswerSchema = z.object({
  csat: z.number().int().min(1).max(5),
  nps: z.number().int().min(0).max(10).nullable().optional(),
  comment: z
    .string()
    .max(SURVEY_COMMENT_MAX * 2)
    .optional()
    .transform((text) => stripControlChars(text ?? '').trim())
    .pipe(z.string().max(SURVEY_COMMENT_MAX)),
});
export type SurveyAnswer = z.output<typeof SurveyAnswerSchema>;

export const SurveyAnswerRequestSchema = SurveyAnswerSchema.and(z.object({ token: SurveyTokenSchema }));

const TemplateSchema = z.object({ en: z.string().trim().min(1).max(600), zh: z.string().trim().min(1).max(600) });

/**
 * The admin's settings. Templates hold `{link}` (the survey page) and may hold
 * `{name}` (the customer's name); an email's subject is fixed per language.
 */
export const SurveySettingsSchema = z.object({
  /** Which finished tasks are surveyed, by the task's channel (a call is asked by SMS). */
  channels: z.object({ email: z.boolean(), sms: z.boolean(), call: z.boolean(), chat: z.boolean() }),
  /** Closed complaints are surveyed too (by email or SMS, whichever the customer has). */
  complaints: z.boolean(),
  /** Ask "how likely are you to recommend us" (0–10) besides the 1–5 score. */
  nps: z.boolean(),
  /** Minutes after the task closes before the link goes out (0: at once). Chat's prompt is always at once. */
  delayMin: z.number().int().min(0).max(7 * 24 * 60),
  /** A link older than this is refused as expired. */
  expiryDays: z.number().int().min(1).max(365),
  /** A customer surveyed less than this many days ago is not asked again. */
  quietDays: z.number().int().min(0).max(365),
  /** The hub's address as customers reach it (`https://hub.example.com`); null: the hub's own listening address. */
  publicUrl: z.string().url().max(500).nullable(),
  emailTemplate: TemplateSchema.refine((t) => t.en.includes('{link}') && t.zh.includes('{link}'), 'each template needs {link}'),
  smsTemplate: TemplateSchema.refine((t) => t.en.includes('{link}') && t.zh.includes('{link}'), 'each template needs {link}'),
});
export type SurveySettings = z.infer<typeof SurveySettingsSchema>;

/** Hub → visitor: rate the chat that just ended (the widget shows the prompt and posts to SURVEY_PATHS.answer). */
export type SurveyPrompt = { token: string; nps: boolean };

/** A survey by its link, as the page shows it. */
export type SurveyState = 'open' | 'answered' | 'expired';

/** `surveys:complaint`: the lead's hook when a complaint closes (for tests and for the complaints area). */
export const SurveyComplaintRequestSchema = z.object({ complaintId: UlidSchema });
