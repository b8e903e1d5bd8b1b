import type { Message } from '../message';

/** Call recording: the call card's indicator, the timeline's player and the queue setting. Keys start with `recording.`. */
export const recordingEn = {
  'recording.rec': 'REC',
  'recording.active': 'This call is being recorded',
  'recording.notice': 'Tell the caller: {notice}',
  'recording.unavailable': 'This call should be recorded, but this desktop cannot record audio.',
  'recording.title': 'Recording',
  'recording.loading': 'Looking for the recording…',
  'recording.none': 'No recording',
  'recording.offline': 'The recording plays when the hub can be reached.',
  'recording.failed': 'The recording could not be loaded.',
  'recording.player': 'Call recording {n}',
  'recording.queue.section': 'Call recording',
  'recording.queue.record': 'Record calls in this queue',
  'recording.queue.help':
    'The agent’s desktop records both sides of every call and uploads it to the hub. Agents of this queue and supervisors can play it from the customer’s timeline.',
  'recording.queue.notice': 'Notice for the caller (optional)',
  'recording.queue.noticeHelp': 'Shown to the agent while the call is recorded, to read out.',
} as const satisfies Record<string, Message>;

export const recordingZhCN = {
  'recording.rec': '录音',
  'recording.active': '本次通话正在录音',
  'recording.notice': '请告知来电者：{notice}',
  'recording.unavailable': '本次通话应当录音，但此桌面无法录制音频。',
  'recording.title': '录音',
  'recording.loading': '正在查找录音…',
  'recording.none': '无录音',
  'recording.offline': '连接到服务器后即可播放录音。',
  'recording.failed': '无法加载录音。',
  'recording.player': '通话录音 {n}',
  'recording.queue.section': '通话录音',
  'recording.queue.record': '录制该队列的通话',
  'recording.queue.help': '坐席桌面录制每通电话的双方声音并上传到服务器。该队列的坐席和主管可以在客户时间线上播放。',
  'recording.queue.notice': '告知来电者的提示（可选）',
  'recording.queue.noticeHelp': '录音时显示给坐席，供其向来电者宣读。',
} as const satisfies { readonly [K in keyof typeof recordingEn]: Message };
