import { createHash } from 'node:crypto';
import { SURVEY_COMMENT_MAX, SURVEY_PATHS } from '../../shared/protocol/surveys';
import type { SurveyPageText } from '../../shared/surveys/survey-page-text';

/**
 * The survey page customers open from a mail or a text: plain HTML and a
 * form, no script at all, so it works on any phone and its policy can forbid
 * every script. The one inline style block is allowed by its hash.
 */
const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;background:#f3f5f8;color:#1d2733}
main{max-width:34rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08)}
h1{font-size:1.4rem;margin:0 0 .5rem}
p{margin:.25rem 0 1rem;color:#4a5866}
fieldset{border:0;margin:0 0 1.25rem;padding:0}
legend{font-weight:600;margin-bottom:.5rem}
.stars{display:flex;flex-direction:row-reverse;justify-content:flex-end;gap:.25rem}
.stars input,.scale input{position:absolute;opacity:0;width:1px;height:1px}
.stars label{font-size:2.4rem;line-height:1;color:#c9d1da;cursor:pointer}
.stars label:hover,.stars label:hover~label,.stars input:checked~label{color:#f5a623}
.stars input:focus-visible+label{outline:2px solid #2f6fde;outline-offset:2px}
.hint{display:flex;justify-content:space-between;font-size:.8rem;color:#6b7885}
.csat-hint{max-width:13rem}
.scale{display:flex;flex-wrap:wrap;gap:.25rem}
.scale label{min-width:2.3rem;padding:.35rem 0;text-align:center;border:1px solid #c9d1da;border-radius:6px;cursor:pointer}
.scale input:checked+label{background:#2f6fde;border-color:#2f6fde;color:#fff}
.scale input:focus-visible+label{outline:2px solid #2f6fde;outline-offset:2px}
textarea{width:100%;min-height:6rem;padding:.5rem;font:inherit;border:1px solid #c9d1da;border-radius:6px}
button{padding:.6rem 1.6rem;font:inherit;font-weight:600;color:#fff;background:#2f6fde;border:0;border-radius:6px;cursor:pointer}
.problem{padding:.5rem .75rem;border-radius:6px;background:#fdecec;color:#9b1c1c}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
`;

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

export const SURVEY_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': [
    "default-src 'none'",
    `style-src 'sha256-${STYLE_HASH}'`,
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; '),
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // The link's token must not leak to any site the page might name.
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function page(text: SurveyPageText, title: string, body: string): string {
  return `<!doctype html>
<html lang="${text.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** The form: five stars (required), the 0–10 question when asked, a comment. `problem` is shown above it after a bad post. */
export function surveyFormPage(text: SurveyPageText, options: { token: string; nps: boolean; problem: string | null }): string {
  const stars = [5, 4, 3, 2, 1]
    .map(
      (score) =>
        `<input type="radio" id="csat-${score}" name="csat" value="${score}" required><label for="csat-${score}" title="${escapeHtml(text.csatLabels[score - 1] ?? '')}">★<span class="sr">${score} — ${escapeHtml(text.csatLabels[score - 1] ?? '')}</span></label>`,
    )
    .join('');
  const nps = options.nps
    ? `<fieldset>
<legend>${escapeHtml(text.npsLegend)}</legend>
<div class="scale">${Array.from({ length: 11 }, (_, n) => `<input type="radio" id="nps-${n}" name="nps" value="${n}" required><label for="nps-${n}">${n}</label>`).join('')}</div>
<div class="hint"><span>${escapeHtml(text.npsLow)}</span><span>${escapeHtml(text.npsHigh)}</span></div>
</fieldset>`
    : '';
  const problem = options.problem ? `<p class="problem" role="alert">${escapeHtml(options.problem)}</p>` : '';
  return page(
    text,
    text.title,
    `<h1>${escapeHtml(text.title)}</h1>
<p>${escapeHtml(text.intro)}</p>
${problem}
<form method="post" action="${SURVEY_PATHS.page}${escapeHtml(options.token)}?lang=${text.lang}">
<fieldset>
<legend>${escapeHtml(text.csatLegend)}</legend>
<div class="stars">${stars}</div>
<div class="hint csat-hint"><span>${escapeHtml(text.csatLabels[0])}</span><span>${escapeHtml(text.csatLabels[4])}</span></div>
</fieldset>
${nps}
<fieldset>
<legend><label for="comment">${escapeHtml(text.commentLabel)}</label></legend>
<textarea id="comment" name="comment" maxlength="${SURVEY_COMMENT_MAX}"></textarea>
</fieldset>
<button type="submit">${escapeHtml(text.submit)}</button>
</form>`,
  );
}

/** A page with a heading and one sentence: thanks, already answered, expired, not a valid link. */
export function surveyMessagePage(text: SurveyPageText, title: string, message: string): string {
  return page(text, title, `<h1>${escapeHtml(title)}</h1>\n<p data-survey-message>${escapeHtml(message)}</p>`);
}
