import type { Message } from '../../i18n/message';

/**
 * The visitor widget's own words, English. Kept apart from the desktop's
 * catalogue: a shop's visitor never loads the agent's vocabulary, and the
 * loader on the host page carries only these few kilobytes.
 */
export const widgetEn = {
  'launcher.open': 'Chat with us',
  'launcher.close': 'Close the chat',
  'launcher.unread': { one: '{count} new message', other: '{count} new messages' },
  'frame.title': 'Chat with us',

  'header.title': 'Chat with us',
  'header.waiting': 'Someone will be with you shortly',
  'header.active': 'You are chatting with {agent}',
  'header.ended': 'This chat has ended',
  'header.minimise': 'Minimise the chat',
  'header.leave': 'End chat',
  'leave.confirm': 'End this chat?',
  'leave.yes': 'End chat',
  'leave.no': 'Keep chatting',

  'form.intro': 'Tell us who you are and we will connect you with the next available person.',
  'form.name': 'Your name',
  'form.email': 'Email',
  'form.optional': '(optional)',
  'form.start': 'Start chat',
  'form.starting': 'Connecting…',
  'form.nameRequired': 'Please enter your name.',
  'form.emailRequired': 'Please enter your email address.',
  'form.emailInvalid': 'That email address does not look right.',

  'closed.title': 'We are closed right now',
  'closed.nextOpen': 'We open again {when}.',
  'closed.dayTime': '{day} at {time}',
  'closed.later': 'Please come back during our opening hours.',

  'queue.position': 'You are number {position} in the queue.',
  'queue.positionClosed': 'We are closed right now. You are number {position} in the queue and we will answer as soon as we open.',
  'chat.typing': '{agent} is typing…',
  'chat.typingAnonymous': 'Typing…',
  'chat.you': 'You',
  'chat.log': 'Conversation',

  'tick.sending': 'Sending…',
  'tick.sent': 'Sent',
  'tick.delivered': 'Delivered',
  'tick.read': 'Read',
  'line.failed': 'Not sent.',
  'line.retry': 'Try again',

  'composer.label': 'Your message',
  'composer.placeholder': 'Type your message…',
  'composer.send': 'Send',
  'composer.attach': 'Send a picture or file',
  'composer.uploading': 'Uploading {name}…',

  'call.voice': 'Call us',
  'call.video': 'Video call',
  'call.label': 'Call',
  'call.starting': 'Getting your microphone ready…',
  'call.startingVideo': 'Getting your camera and microphone ready…',
  'call.calling': 'Calling…',
  'call.ringing': 'Ringing… the next available person will answer.',
  'call.connected': 'Connected',
  'call.mute': 'Mute',
  'call.camera': 'Camera',
  'call.hangUp': 'Hang up',
  'call.remoteVideo': 'Our video',
  'call.localVideo': 'Your camera',
  'call.end.hung-up': 'The call has ended.',
  'call.end.busy': 'Nobody could take your call just now. Please try again, or keep chatting.',
  'call.end.unavailable': 'No one is free to take your call right now. Please keep chatting, or try again later.',
  'call.end.refused': 'Your call could not be put through.',
  'call.end.unreachable': 'We cannot reach our phone service. Check your connection and try again.',
  'call.end.media-denied': 'Your browser did not allow the microphone or camera, so no call was made. Allow it (the icon in the address bar) and press call again.',
  'call.end.no-device': 'No microphone or camera was found on this device, so no call was made.',
  'call.end.unsupported': 'This browser cannot make calls. Please keep chatting.',
  'call.refused.forbidden': 'Calls are not offered in this chat.',
  'call.refused.conflict': 'We cannot take calls right now.',
  'call.refused.rate-limited': 'You have called several times just now. Please wait {seconds} seconds.',

  'upload.tooLarge': '“{name}” is larger than {limit}. Please send a smaller file.',
  'upload.unsupported': '“{name}” cannot be sent: only pictures (PNG, JPEG, GIF, WebP), PDF and text files are allowed.',
  'upload.empty': '“{name}” is empty.',

  'ended.visitor-left': 'You ended the chat. Thank you for contacting us!',
  'ended.agent-ended': 'The chat has ended. Thank you for contacting us!',
  'ended.agent-ended.named': '{agent} ended the chat. Thank you for contacting us!',
  'ended.max-wait': 'Sorry, everyone is still busy. Leave your email or phone number and we will get back to you.',
  'ended.closed': 'We have closed for today. Leave your email or phone number and we will get back to you.',
  'ended.newChat': 'Start a new chat',

  'contact.email': 'Email',
  'contact.phone': 'Phone',
  'contact.send': 'Send',
  'contact.needOne': 'Please give an email address or a phone number.',
  'contact.thanks': 'Thank you. We will get back to you soon.',

  'status.loading': 'Loading…',
  'status.reconnecting': 'Connection lost. Reconnecting…',
  'status.previousEnded': 'Your previous chat has expired. You can start a new one.',
  'status.retry': 'Try again',

  'error.rate-limited': 'You are sending messages too quickly. Please wait {seconds} seconds.',
  'error.rate-limited.later': 'You are sending messages too quickly. Please wait a moment.',
  'error.too-large': 'That is too large to send.',
  'error.unsupported-type': 'That kind of file cannot be sent.',
  'error.forbidden': 'This chat cannot be used on this website.',
  'error.not-found': 'This chat is not available.',
  'error.conflict': 'This chat has already ended.',
  'error.invalid-payload': 'Please check what you entered.',
  'error.session': 'Your chat session has expired.',
  'error.network': 'We cannot reach the chat service. Check your connection and try again.',
  'error.internal': 'Something went wrong on our side. Please try again.',
} satisfies Record<string, Message>;

export type WidgetTextKey = keyof typeof widgetEn;
