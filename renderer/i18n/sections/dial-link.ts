import type { Message } from '../message';

/** Call links (tel:/sip:) opened from elsewhere, and registering the web page for them. Keys start with `dialLink.`. */
export const dialLinkEn = {
  'dialLink.title': 'Call link',
  'dialLink.confirm': 'Call {number}?',
  'dialLink.cancel': 'Cancel',
  'dialLink.dismiss': 'Dismiss',
  'dialLink.busy': 'Finish the current call first.',
  'dialLink.refused.not-a-number': 'This link holds no number or extension the phone can call.',
  'dialLink.refused.other-domain': 'This SIP address is outside this call centre’s SIP domain; the phone cannot call it.',
  'dialLink.register': 'Open tel: and sip: links here',
  'dialLink.registerHint': 'Call links clicked in other pages then open here and ask before dialling.',
  'dialLink.registered': 'Asked the browser; it may ask you to allow it.',
  'dialLink.registerFailed.unsupported': 'This browser cannot open call links in a web page.',
  'dialLink.registerFailed.refused': 'The browser refused (the page must be served over HTTPS).',
} as const satisfies Record<`dialLink.${string}`, Message>;

export const dialLinkZhCN = {
  'dialLink.title': '通话链接',
  'dialLink.confirm': '呼叫 {number}？',
  'dialLink.cancel': '取消',
  'dialLink.dismiss': '关闭',
  'dialLink.busy': '请先结束当前通话。',
  'dialLink.refused.not-a-number': '此链接中没有电话可以拨打的号码或分机。',
  'dialLink.refused.other-domain': '此 SIP 地址不在本呼叫中心的 SIP 域内，电话无法拨打。',
  'dialLink.register': '在此打开 tel: 和 sip: 链接',
  'dialLink.registerHint': '之后在其他网页中点击的通话链接会在这里打开，并在拨打前先确认。',
  'dialLink.registered': '已向浏览器申请，浏览器可能会请您允许。',
  'dialLink.registerFailed.unsupported': '此浏览器不支持在网页中打开通话链接。',
  'dialLink.registerFailed.refused': '浏览器拒绝了请求（页面需要通过 HTTPS 提供）。',
} as const satisfies { readonly [K in keyof typeof dialLinkEn]: Message };
