import { lineIcon } from '../../app/icons';

/** The chat's own line icons, in the style of app/icons.tsx. */
export const PaperclipIcon = () => lineIcon(<path d="m20 11.5-8.1 8.1a5 5 0 0 1-7.1-7.1l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8" />);

export const SendIcon = () => lineIcon(<path d="M4 12 20 4l-6 16-2.5-6.5L4 12zM11.5 13.5 20 4" />);

export const CheckIcon = () => lineIcon(<path d="m5 12.5 4.5 4.5L19 7.5" />, 'icon mark');

export const DoubleCheckIcon = () => lineIcon(<path d="m2.5 12.5 4.5 4.5L16.5 7.5M11 16l1 1 9.5-9.5" />, 'icon mark');

export const ClockIcon = () => lineIcon(<path d="M12 7v5l3 2M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z" />, 'icon mark');

export const AlertIcon = () => lineIcon(<path d="M12 8v5M12 16.5v.5M10.3 3.9 2.4 17.6A2 2 0 0 0 4.1 20.6h15.8a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z" />, 'icon mark');

export const FileIcon = () => lineIcon(<path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8l-5-5zM14 3v5h5" />);

export const PauseIcon = () => lineIcon(<path d="M9 6v12M15 6v12" />);
