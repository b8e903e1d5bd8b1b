import createDOMPurify, { type WindowLike } from 'dompurify';

/**
 * A customer's HTML mail made safe to show: no script, no event handlers, no
 * forms or frames, no `javascript:` anything, no CSS that loads or runs
 * things. Remote images (tracking pixels) stay out until the agent allows
 * them for this message; `cid:` images come from the mail's own parts.
 * Links do not work inside the frame at all: each becomes a numbered mark,
 * listed under the mail, where the agent sees the real address and confirms
 * before it opens in the browser.
 */

export type EmailLink = { n: number; href: string; text: string };

export type SanitisedEmail = {
  html: string;
  /** Remote images left out (src and background); 0 when allowed or none. */
  blockedImages: number;
  links: EmailLink[];
};

export type SanitiseOptions = {
  allowRemoteImages: boolean;
  /** `cid:` ids (without brackets, lower-cased) → data: URLs of the mail's inline parts. */
  inlineImages: ReadonlyMap<string, string>;
};

const FORBID_TAGS = ['form', 'input', 'button', 'textarea', 'select', 'option', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'meta', 'link', 'script', 'noscript', 'template', 'svg', 'math', 'audio', 'video', 'source', 'track', 'portal'];
const FORBID_ATTR = ['srcset', 'action', 'formaction', 'ping', 'poster', 'xlink:href', 'target'];

const REMOTE = /^\s*(https?:)?\/\//i;
/** What a CSS value may never hold: old IE expressions and bindings, imports, and any url() (images the agent has not allowed, fonts, trackers). */
const DANGEROUS_CSS = /@import[^;]*;?|expression\s*\(|behaviou?r\s*:|-moz-binding|javascript\s*:|vbscript\s*:/gi;
const CSS_URL = /url\s*\(\s*(['"]?)(.*?)\1\s*\)/gi;

const LINKABLE = /^(https?:|mailto:)/i;

function cleanCss(css: string, options: SanitiseOptions, count: () => void): string {
  const safe = css.replace(DANGEROUS_CSS, '/* removed */');
  return safe.replace(CSS_URL, (whole, _quote: string, url: string) => {
    if (url.toLowerCase().startsWith('cid:')) {
      const inline = options.inlineImages.get(url.slice(4).replace(/[<>]/g, '').toLowerCase());
      return inline ? `url("${inline}")` : 'none';
    }
    if (/^data:image\//i.test(url)) return whole;
    if (REMOTE.test(url) && options.allowRemoteImages && /^https:/i.test(url)) return `url("${url.replace(/["\\]/g, '')}")`;
    if (REMOTE.test(url)) count();
    return 'none';
  });
}

export function sanitiseEmailHtml(html: string, options: SanitiseOptions, win: WindowLike = window): SanitisedEmail {
  const purify = createDOMPurify(win);
  let blockedImages = 0;
  const count = () => {
    blockedImages += 1;
  };
  const links: EmailLink[] = [];

  purify.addHook('uponSanitizeElement', (node, data) => {
    // A <style> element's text is CSS: cleaned like a style attribute.
    if (data.tagName === 'style' && node.textContent) node.textContent = cleanCss(node.textContent, options, count);
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    const element = node as Element;
    const style = element.getAttribute('style');
    if (style !== null) element.setAttribute('style', cleanCss(style, options, count));
    if (element.hasAttribute('background')) {
      const background = element.getAttribute('background') ?? '';
      if (REMOTE.test(background) && !options.allowRemoteImages) count();
      if (!(REMOTE.test(background) && options.allowRemoteImages && /^https:/i.test(background))) element.removeAttribute('background');
    }
    if (element.tagName === 'IMG') {
      const src = (element.getAttribute('src') ?? '').trim();
      if (src.toLowerCase().startsWith('cid:')) {
        const inline = options.inlineImages.get(src.slice(4).replace(/[<>]/g, '').toLowerCase());
        if (inline) element.setAttribute('src', inline);
        else element.removeAttribute('src');
      } else if (REMOTE.test(src)) {
        if (!(options.allowRemoteImages && /^https:/i.test(src))) {
          count();
          element.removeAttribute('src');
          element.setAttribute('data-blocked', '');
        }
      } else if (!/^data:image\//i.test(src)) {
        element.removeAttribute('src');
      }
    }
    if (element.tagName === 'A') {
      const href = (element.getAttribute('href') ?? '').trim();
      element.removeAttribute('href');
      if (LINKABLE.test(href)) {
        const n = links.length + 1;
        links.push({ n, href, text: (element.textContent ?? '').trim().slice(0, 200) });
        element.setAttribute('data-link', String(n));
      }
    }
  });

  const clean = purify.sanitize(html, {
    FORBID_TAGS,
    FORBID_ATTR,
    ALLOW_DATA_ATTR: false,
    ADD_ATTR: ['data-link', 'data-blocked'],
    WHOLE_DOCUMENT: false,
    // A mail's leading <style> would otherwise be hoisted out of the body and lost.
    FORCE_BODY: true,
    // Only https/mailto links and data:/cid: images survive the hooks above; everything else is dropped here first.
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|cid:|data:image\/(?:png|jpeg|gif|webp);)/i,
  });
  return { html: clean, blockedImages, links };
}

/**
 * The document the sandboxed frame shows. The frame runs no script and has
 * an origin of its own (sandbox without allow-scripts / allow-same-origin);
 * the policy inside it allows only inline styles and the images decided
 * above, so even a sanitiser miss could neither run nor fetch anything else.
 */
export function frameDocument(clean: SanitisedEmail, allowRemoteImages: boolean): string {
  const images = allowRemoteImages ? 'data: https:' : 'data:';
  const policy = `default-src 'none'; img-src ${images}; style-src 'unsafe-inline'; font-src data:`;
  return [
    '<!doctype html><html><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
    '<style>body{font:14px/1.5 system-ui,sans-serif;margin:8px;color:#1f2328;word-wrap:break-word}img{max-width:100%}',
    'a[data-link]{color:#0b5cad;text-decoration:underline}a[data-link]::after{content:" [" attr(data-link) "]";font-size:11px}',
    'img[data-blocked]{display:inline-block;min-width:16px;min-height:16px;background:#eef0f3;outline:1px dashed #9aa3ad}',
    'blockquote{margin:4px 0 4px 2px;padding-left:10px;border-left:3px solid #c6cdd8;color:#566172}</style>',
    `</head><body>${clean.html}</body></html>`,
  ].join('');
}

const COMPOSER_TAGS = ['p', 'br', 'div', 'span', 'b', 'strong', 'i', 'em', 'u', 'ul', 'ol', 'li', 'a', 'blockquote'];

/**
 * What the reply editor produced, kept to the little it can make (bold,
 * italic, lists, links): pasted markup, styles, images and scripts are
 * dropped, and links stay only as https or mailto.
 */
export function sanitiseComposerHtml(html: string, win: WindowLike = window): string {
  const purify = createDOMPurify(win);
  purify.addHook('afterSanitizeAttributes', (node) => {
    const element = node as Element;
    if (element.tagName !== 'A') return;
    if (!LINKABLE.test(element.getAttribute('href') ?? '')) element.removeAttribute('href');
  });
  return purify.sanitize(html, { ALLOWED_TAGS: COMPOSER_TAGS, ALLOWED_ATTR: ['href'], ALLOW_DATA_ATTR: false });
}

const BLOCKS = new Set(['P', 'DIV', 'LI', 'BLOCKQUOTE', 'UL', 'OL']);

/** The plain-text alternative of the editor's HTML: blocks and <br> become line breaks, list items get a dash. */
export function composerText(html: string, win: WindowLike = window): string {
  const holder = (win.document as Document).createElement('div');
  holder.innerHTML = sanitiseComposerHtml(html, win);
  const out: string[] = [];
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) out.push(child.textContent ?? '');
      else if (child.nodeName === 'BR') out.push('\n');
      else {
        if (child.nodeName === 'LI') out.push('- ');
        walk(child);
        if (child.nodeName === 'A') {
          const href = (child as Element).getAttribute('href');
          if (href && href !== child.textContent) out.push(` <${href}>`);
        }
        if (BLOCKS.has(child.nodeName)) out.push('\n');
      }
    }
  };
  walk(holder);
  return out.join('').replace(/\n{3,}/g, '\n\n').trim();
}
