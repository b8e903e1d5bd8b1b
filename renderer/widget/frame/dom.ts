/**
 * The frame builds its DOM with these and nothing else: text goes in as
 * textContent and attributes through setAttribute, never as HTML, so whatever
 * a visitor or an agent types is shown as the characters they typed.
 */
type Props = {
  class?: string;
  text?: string;
  testid?: string;
  attrs?: Record<string, string>;
};

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: (Node | null)[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.class) element.className = props.class;
  if (props.text !== undefined) element.textContent = props.text;
  if (props.testid) element.setAttribute('data-testid', props.testid);
  for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
  for (const child of children) if (child !== null) element.append(child);
  return element;
}

export function button(label: string, onClick: () => void, props: Props = {}): HTMLButtonElement {
  const element = h('button', { ...props, text: props.text ?? label, attrs: { type: 'button', ...props.attrs } });
  element.addEventListener('click', onClick);
  return element;
}

/** Only the hub's own capability links become href/src: a line can never carry a `javascript:` address into the page. */
export const isAttachmentUrl = (url: string): boolean => url.startsWith('/api/chat/file/');
