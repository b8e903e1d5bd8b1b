/** A message is a string with `{name}` placeholders, or a pair chosen by plural rules on `{count}`. */
export type Plural = { readonly one: string; readonly other: string };
export type Message = string | Plural;
