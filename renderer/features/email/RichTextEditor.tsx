import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { useT } from '../../i18n/locale-store';
import { sanitiseComposerHtml } from './sanitise-email';

export type RichTextEditorHandle = {
  /** The editor's content, sanitised to what it can make. */
  html(): string;
  /** Puts text at the caret (a canned reply), as text: never markup. */
  insertText(text: string): void;
  focus(): void;
};

/**
 * A small rich-text editor: bold, italic, lists and links over a
 * contenteditable area. Whatever ends up in it (typed or pasted) is
 * sanitised whenever it is read, so only those few tags ever leave it.
 */
export const RichTextEditor = forwardRef<RichTextEditorHandle, { initialHtml: string; onChange(html: string): void; label: string }>(function RichTextEditor(
  { initialHtml, onChange, label },
  ref,
) {
  const t = useT();
  const area = useRef<HTMLDivElement>(null);
  const initial = useRef(initialHtml);
  // Where the caret was when the editor lost focus (to the canned-reply search, say), so inserted text lands there.
  const caret = useRef<Range | null>(null);
  const keepCaret = () => {
    const selection = document.getSelection();
    const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
    if (range && area.current?.contains(range.commonAncestorContainer)) caret.current = range.cloneRange();
  };
  const restoreCaret = () => {
    area.current?.focus();
    const selection = document.getSelection();
    if (caret.current && selection) {
      selection.removeAllRanges();
      selection.addRange(caret.current);
    }
  };

  useEffect(() => {
    if (area.current) area.current.innerHTML = sanitiseComposerHtml(initial.current);
  }, []);

  useImperativeHandle(ref, () => ({
    html: () => sanitiseComposerHtml(area.current?.innerHTML ?? ''),
    insertText(text) {
      restoreCaret();
      document.execCommand('insertText', false, text);
      onChange(sanitiseComposerHtml(area.current?.innerHTML ?? ''));
    },
    focus: () => area.current?.focus(),
  }));

  function command(name: string, value?: string) {
    area.current?.focus();
    document.execCommand(name, false, value);
    onChange(sanitiseComposerHtml(area.current?.innerHTML ?? ''));
  }

  function link() {
    const href = window.prompt(t('email.compose.linkPrompt'), 'https://');
    if (href && /^(https:\/\/|mailto:)/i.test(href.trim())) command('createLink', href.trim());
  }

  const tool = (key: Parameters<typeof t>[0], glyph: string, run: () => void, testId: string) => (
    <button
      type="button"
      className="email-tool"
      title={t(key)}
      aria-label={t(key)}
      // mousedown, not click: the editor keeps its selection.
      onMouseDown={(event) => {
        event.preventDefault();
        run();
      }}
      data-testid={testId}
    >
      {glyph}
    </button>
  );

  return (
    <div className="email-editor">
      <div className="email-toolbar" role="toolbar" aria-label={label}>
        {tool('email.compose.bold', 'B', () => command('bold'), 'email-tool-bold')}
        {tool('email.compose.italic', 'I', () => command('italic'), 'email-tool-italic')}
        {tool('email.compose.bullets', '•', () => command('insertUnorderedList'), 'email-tool-bullets')}
        {tool('email.compose.numbers', '1.', () => command('insertOrderedList'), 'email-tool-numbers')}
        {tool('email.compose.link', t('email.compose.link'), link, 'email-tool-link')}
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: a rich-text area has no native element */}
      <div
        ref={area}
        className="email-editor-area"
        contentEditable
        suppressContentEditableWarning
        role="textbox"
        aria-multiline="true"
        aria-label={label}
        tabIndex={0}
        onInput={() => onChange(sanitiseComposerHtml(area.current?.innerHTML ?? ''))}
        onBlur={keepCaret}
        data-testid="email-editor"
      />
    </div>
  );
});
