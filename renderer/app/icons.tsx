import type { ReactNode } from 'react';
import type { IdentityKind } from '../../shared/domain/customer';
import type { Channel } from '../../shared/domain/interaction';

/** Small line icons, drawn inline (no icon font, nothing fetched), sized by CSS and coloured by currentColor. */
type IconProps = { className?: string };

/** One line icon: a 24×24 stroke drawing in the app's style. */
export const lineIcon = (children: ReactNode, className = 'icon') => (
  <svg
    className={className}
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    strokeWidth="1.8"
    strokeLinecap="round"
    strokeLinejoin="round"
    aria-hidden="true"
    focusable="false"
  >
    {children}
  </svg>
);

export const PhoneIcon = ({ className }: IconProps) =>
  lineIcon(
    <path d="M5 3h3.5l1.8 4.5-2.3 1.6a12 12 0 0 0 6.9 6.9l1.6-2.3L21 15.5V19a2 2 0 0 1-2 2A16 16 0 0 1 3 5a2 2 0 0 1 2-2z" />,
    className,
  );

export const MailIcon = ({ className }: IconProps) =>
  lineIcon(
    <>
      <rect x="3" y="5" width="18" height="14" rx="2" />
      <path d="m3.5 6.5 8.5 6.5 8.5-6.5" />
    </>,
    className,
  );

export const ChatIcon = ({ className }: IconProps) =>
  lineIcon(<path d="M4 5h16v11H9l-5 4z" />, className);

export const SmsIcon = ({ className }: IconProps) =>
  lineIcon(
    <>
      <rect x="6" y="2.5" width="12" height="19" rx="2" />
      <path d="M9.5 8h5M9.5 11.5h5" />
    </>,
    className,
  );

export const VideoIcon = ({ className }: IconProps) =>
  lineIcon(
    <>
      <rect x="2.5" y="6" width="13" height="12" rx="2" />
      <path d="m15.5 10.5 6-3.5v10l-6-3.5z" />
    </>,
    className,
  );

export const NoteIcon = ({ className }: IconProps) =>
  lineIcon(
    <>
      <path d="M6 3h9l4 4v14H6z" />
      <path d="M15 3v4h4M9 12h7M9 16h5" />
    </>,
    className,
  );

export const OrderIcon = ({ className }: IconProps) =>
  lineIcon(
    <>
      <path d="M5 8h14l-1.2 12H6.2z" />
      <path d="M9 8V6a3 3 0 0 1 6 0v2" />
    </>,
    className,
  );

export const PersonIcon = ({ className }: IconProps) =>
  lineIcon(
    <>
      <circle cx="12" cy="8" r="4" />
      <path d="M4 21a8 8 0 0 1 16 0" />
    </>,
    className,
  );

export const SearchIcon = ({ className }: IconProps) =>
  lineIcon(
    <>
      <circle cx="11" cy="11" r="6.5" />
      <path d="m16 16 4.5 4.5" />
    </>,
    className,
  );

export const LogoMark = ({ className }: IconProps) =>
  lineIcon(
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M8 9.5h8M8 14.5h8M10 7v10M14 7v10" />
    </>,
    className,
  );

export const ComplaintIcon = ({ className }: IconProps) =>
  lineIcon(
    <>
      <path d="M4 5h16v11H9l-5 4z" />
      <path d="M12 8v4M12 14.5v.01" />
    </>,
    className,
  );

export const FollowUpIcon = ({ className }: IconProps) =>
  lineIcon(
    <>
      <rect x="4" y="5" width="16" height="15" rx="2" />
      <path d="M8 3v4M16 3v4M4 10h16M12 13v3l2 1" />
    </>,
    className,
  );

export const SurveyIcon = ({ className }: IconProps) =>
  lineIcon(
    <path d="m12 4 2.4 4.9 5.4.8-3.9 3.8.9 5.4L12 16.4l-4.8 2.5.9-5.4-3.9-3.8 5.4-.8z" />,
    className,
  );

const CHANNEL_ICONS: Record<Channel, (props: IconProps) => ReactNode> = {
  call: PhoneIcon,
  email: MailIcon,
  chat: ChatIcon,
  sms: SmsIcon,
  video: VideoIcon,
  note: NoteIcon,
  order: OrderIcon,
  complaint: ComplaintIcon,
  'follow-up': FollowUpIcon,
  survey: SurveyIcon,
};

export function ChannelIcon({ channel, className }: { channel: Channel; className?: string }) {
  const Icon = CHANNEL_ICONS[channel];
  return <Icon className={className} />;
}

const IDENTITY_ICONS: Record<IdentityKind, (props: IconProps) => ReactNode> = {
  phone: PhoneIcon,
  email: MailIcon,
  visitor: PersonIcon,
};

export function IdentityIcon({ kind, className }: { kind: IdentityKind; className?: string }) {
  const Icon = IDENTITY_ICONS[kind];
  return <Icon className={className} />;
}
