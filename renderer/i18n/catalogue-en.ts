import type { Message } from './message';
import { adminEn } from './sections/admin';
import { attachmentEn } from './sections/attachment';
import { callLogEn } from './sections/call-log';
import { chatEn } from './sections/chat';
import { crmTimelineEn } from './sections/crm-timeline';
// ── complaints section import ──
import { complaintsEn } from './sections/complaints';
// ── follow-ups section import ──
import { followUpsEn } from './sections/follow-ups';
// ── surveys section import ──
import { surveysEn } from './sections/surveys';
// ── customer value section import ──
import { customerValueEn } from './sections/customer-value';
import { customerAnalysisEn } from './sections/customer-analysis';
// ── campaigns section import ──
import { campaignsEn } from './sections/campaigns';
// ── accounts and audit section import ──
import { auditEn } from './sections/audit';
// ── data protection section import ──
import { privacyEn } from './sections/privacy';
import { customerMergeEn } from './sections/customer-merge';
import { emailEn } from './sections/email';
import { emailAdminEn } from './sections/email-admin';
import { dialLinkEn } from './sections/dial-link';
import { phoneEn } from './sections/phone';
import { recordingEn } from './sections/recording';
import { smsEn } from './sections/sms';
import { monitorEn } from './sections/monitor';
import { reportsEn } from './sections/reports';
import { supervisorEn } from './sections/supervisor';

/** English. The source catalogue: its keys are the keys every other catalogue must have. */
export const en = {
  ...callLogEn,
  ...chatEn,
  ...crmTimelineEn,
  // ── complaints section ──
  ...complaintsEn,
  // ── follow-ups section ──
  ...followUpsEn,
  // ── surveys section ──
  ...surveysEn,
  // ── customer value section ──
  ...customerValueEn,
  ...customerAnalysisEn,
  // ── campaigns section ──
  ...campaignsEn,
  // ── data protection section ──
  ...privacyEn,
  // ── accounts and audit section ──
  ...auditEn,
  ...customerMergeEn,
  ...emailEn,
  ...emailAdminEn,
  ...dialLinkEn,
  ...adminEn,
  ...attachmentEn,
  ...phoneEn,
  ...recordingEn,
  ...smsEn,
  ...monitorEn,
  ...reportsEn,
  ...supervisorEn,
  'app.name': 'Switchboard',
  'app.tagline': 'Agent desktop',
  'app.loading': 'Loading…',

  'login.title': 'Sign in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.required': 'Enter your username and password.',
  'login.expired': 'Your session has ended. Please sign in again.',
  'login.hubUrl': 'Hub address',
  'login.hubUrlInvalid': 'Enter an address starting with http:// or https://.',
  'login.hubChanged': 'Connected to the new hub. Enter your password again to sign in.',
  'login.form': 'Sign-in form',

  'error.bad-credentials': 'Wrong username or password.',
  'error.rate-limited': 'Too many attempts. Try again in {seconds} seconds.',
  'error.rate-limited.minutes': 'Too many attempts. Try again in {minutes} min.',
  'error.rate-limited.later': 'Too many attempts. Try again in a moment.',
  'error.token-expired': 'Your session expired.',
  'error.token-invalid': 'Your session is no longer valid. Please sign in again.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.unknown-event': 'The hub does not understand this request (different versions?).',
  'error.invalid-payload': 'The hub found the data invalid.',
  'error.not-found': 'It no longer exists on the hub.',
  'error.cursor-ahead': 'The local cache belonged to another hub; it is being rebuilt.',
  'error.conflict': 'It conflicts with what the hub already holds.',
  'error.too-large': 'It is larger than the hub accepts.',
  'error.unsupported-type': 'This kind of file is not accepted.',
  'error.gone': 'This file was removed under the retention policy or at the customer\'s request.',
  'error.internal': 'The hub ran into an internal error.',
  'error.network': 'Cannot reach the hub. Check the network and try again.',
  'error.bad-answer': 'The hub sent an answer this desktop does not understand.',
  'error.out-of-sync': 'Synchronisation stopped making progress.',

  'header.agent': 'Signed in as {name}',
  'header.logout': 'Sign out',
  'header.language': 'Language',
  'header.logoutPending': {
    one: '1 change has not reached the hub yet. It will be sent the next time you sign in on this computer. Sign out anyway?',
    other: '{count} changes have not reached the hub yet. They will be sent the next time you sign in on this computer. Sign out anyway?',
  },

  'role.agent': 'Agent',
  'role.supervisor': 'Supervisor',
  'role.admin': 'Administrator',

  'status.label': 'Connection status',
  'status.connecting': 'Connecting…',
  'status.syncing': 'Syncing… {percent}%',
  'status.online': 'Online',
  'status.onlinePending': { one: 'Online — sending 1 change', other: 'Online — sending {count} changes' },
  'status.offline': 'Offline',
  'status.offlinePending': { one: 'Offline — 1 change waiting', other: 'Offline — {count} changes waiting' },

  'search.label': 'Search customers',
  'search.placeholder': 'Name, customer number, phone or email',
  'search.results': 'Search results',
  'search.count': { one: '1 customer', other: '{count} customers' },
  'search.countCapped': 'First {count} shown',
  'search.none': 'No customer matches “{query}”.',

  'recent.title': 'Recent customers',
  'recent.empty': 'Customers you open appear here.',

  'workspace.empty': 'Search for a customer, or choose one you opened recently.',
  'workspace.missing': 'This customer is not in the local cache.',
  'workspace.main': 'Customer archive',
  'workspace.sidebar': 'Customer search',

  'customer.archive': 'Customer archive',
  'customer.number': 'Customer number',
  'customer.company': 'Company',
  'customer.noCompany': 'No company',
  'customer.tags': 'Tags',
  'customer.noTags': 'No tags',
  'customer.tier': 'Tier',
  'customer.since': 'Customer since {date}',
  'customer.identities': 'Contact details',
  'customer.noIdentities': 'No phone numbers or email addresses.',

  'tier.vip': 'VIP',
  'tier.key': 'Key customer',
  'tier.ordinary': 'Ordinary',
  'tier.small': 'Small customer',

  'identity.phone': 'Phone',
  'identity.email': 'Email',
  'identity.visitor': 'Chat visitor',
  'identity.remove': 'Remove {value}',
  'identity.add': 'Add',
  'identity.addTitle': 'Add a contact detail',
  'identity.kind': 'Kind',
  'identity.value': 'Phone number or email address',
  'identity.invalid.phone': 'This is not a phone number that can be dialled.',
  'identity.invalid.email': 'This is not an email address.',
  'identity.invalid.visitor': 'Enter a visitor id.',
  'identity.duplicate': 'The customer already has this contact detail.',

  'profile.edit': 'Edit profile',
  'profile.editTitle': 'Edit customer profile',
  'profile.save': 'Save',
  'profile.cancel': 'Cancel',
  'profile.name': 'Name',
  'profile.company': 'Company',
  'profile.tags': 'Tags (comma separated)',
  'profile.nameRequired': 'Enter a name.',
  'profile.noChange': 'Nothing has changed.',
  'profile.invalid': 'Check the fields: {detail}',

  'note.label': 'New note',
  'note.placeholder': 'Write a note for the timeline…',
  'note.submit': 'Add note',
  'note.empty': 'Write the note first.',

  'timeline.title': 'Timeline',
  'timeline.count': { one: '1 interaction', other: '{count} interactions' },
  'timeline.empty': 'No interactions yet.',
  'timeline.loading': 'Loading…',
  'timeline.loadingOlder': 'Loading older history…',
  'timeline.olderOffline': 'Older history can be loaded when online.',
  'timeline.olderError': 'Older history could not be loaded.',
  'timeline.retry': 'Try again',
  'timeline.end': 'Start of history',
  'timeline.expand': 'Show details',
  'timeline.collapse': 'Hide details',
  'timeline.pending': 'Waiting to send',

  'channel.call': 'Call',
  'channel.email': 'Email',
  'channel.chat': 'Chat',
  'channel.sms': 'SMS',
  'channel.video': 'Video call',
  'channel.note': 'Note',
  'channel.order': 'Order',

  'direction.voice.inbound': 'Inbound',
  'direction.voice.outbound': 'Outbound',
  'direction.message.inbound': 'Received',
  'direction.message.outbound': 'Sent',

  'disposition.resolved': 'Resolved',
  'disposition.info-given': 'Information given',
  'disposition.callback-requested': 'Callback requested',
  'disposition.escalated': 'Escalated',
  'disposition.sale': 'Sale',
  'disposition.complaint-logged': 'Complaint logged',
  'disposition.no-answer': 'No answer',
  'disposition.voicemail': 'Voicemail',

  'detail.from': 'From',
  'detail.to': 'To',
  'detail.subject': 'Subject',
  'detail.noSubject': '(no subject)',
  'detail.duration': 'Duration',
  'detail.disposition': 'Disposition',
  'detail.noDisposition': 'No disposition',
  'detail.attachments': 'Attachments',
  'detail.orderNo': 'Order number',
  'detail.amount': 'Amount',
  'detail.items': 'Items',
  'detail.messages': { one: '1 message', other: '{count} messages' },
  'detail.speaker.customer': 'Customer',
  'detail.speaker.agent': 'Agent',
  'detail.speaker.system': 'Automatic message',

  'notice.region': 'Notifications',
  'notice.dismiss': 'Dismiss',
  'notice.rejected': 'The hub refused {what}: {reason}',
  'notice.rejectedTitle': 'Change refused',
  'notice.hubSaid': 'Hub said: {message}',
  'notice.syncError': 'Sync problem: {reason}',

  'mutation.interaction.addNote': 'your note',
  'mutation.customer.update': 'the profile change',
  'mutation.customer.addIdentity': 'the new contact detail',
  'mutation.customer.removeIdentity': 'removing a contact detail',
  'agentState.label': 'Routing state',
  'agentState.available': 'Available',
  'agentState.away': 'Away — {reason}',
  'agentState.offline': 'Offline',
  'agentState.wrapUp': 'Wrap-up',
  'agentState.unknown': 'Not loaded',
  'agentState.timeInState': 'In this state for {time}',
  'away.break': 'Break',
  'away.lunch': 'Lunch',
  'away.training': 'Training',
  'away.meeting': 'Meeting',
  'away.missed-offers': 'Missed offers',

  'routing.paused': 'Routing paused: not connected to the hub, so no work can be offered. Your inbox shows what was last known.',
  'routing.needsHub': 'Needs a connection to the hub',
  'routing.refusedTitle': 'Request refused',
  'routing.refused': '{what} did not happen: {reason}',
  'routingAction.accept': 'Accepting the task',
  'routingAction.decline': 'Declining the task',
  'routingAction.complete': 'Completing the task',
  'routingAction.wrapup': 'Finishing wrap-up',
  'routingAction.transfer': 'Transferring the task',
  'routingAction.directory': 'Loading colleagues and queues',
  'routingAction.setState': 'Changing your state',
  'routingAction.desk': 'Loading your work',

  'inbox.title': 'My work',
  'inbox.empty': 'No work right now. New offers ring here.',
  'inbox.count': { one: '1 task', other: '{count} tasks' },
  'inbox.unknownCustomer': 'Unidentified customer',
  'inbox.wait': 'Waiting {time}',
  'inbox.handle': 'Handling {time}',
  'inbox.wrapTime': 'Wrap-up {time}',
  'taskStatus.offered': 'Ringing',
  'taskStatus.assigned': 'In progress',
  'taskStatus.wrap-up': 'Wrap-up',
  'sla.ok': 'Within service level',
  'sla.warn': 'Past service level',
  'sla.breach': 'Past maximum wait',
  'task.complete': 'Complete',
  'task.completeHint': 'End the conversation and start wrap-up',
  'task.transfer': 'Transfer',
  'task.transferHint': 'Hand this task to a queue or a colleague',

  'transfer.title': 'Transfer',
  'transfer.toQueue': 'Transfer to a queue',
  'transfer.toAgent': 'Transfer to a colleague',
  'transfer.queue': 'Queue',
  'transfer.currentQueue': '{name} (current)',
  'transfer.agent': 'Colleague',
  'transfer.agentUnavailable': '{name} — {state}',
  'transfer.away': 'Away',
  'transfer.loadFailed': 'Could not load colleagues and queues.',
  'transfer.cancel': 'Cancel',
  'transfer.submit': 'Transfer',

  'wrapup.title': 'Wrap-up',
  'wrapup.disposition': 'Disposition',
  'wrapup.choose': 'Choose…',
  'wrapup.note': 'Note (optional)',
  'wrapup.submit': 'Finish wrap-up',
  'wrapup.required': 'Choose a disposition.',

  'offer.region': 'Incoming work',
  'offer.title': 'Incoming · {channel}',
  'offer.accept': 'Accept',
  'offer.decline': 'Decline',
  'offer.expiresIn': 'Expires in {time}',
  'offer.notifyTitle': 'New {channel} for you',
  'offer.endedTitle': 'Offer ended',
  'offer.ended.expired': 'The offer “{subject}” was not answered in time and went back to the queue.',
  'offer.ended.withdrawn': 'The offer “{subject}” was withdrawn.',
} as const satisfies Record<string, Message>;

export type MessageKey = keyof typeof en;
/** Every catalogue has exactly the English keys: a missing or extra key is a type error. */
export type Catalogue = { readonly [K in MessageKey]: Message };
