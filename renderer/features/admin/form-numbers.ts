/**
 * Number fields are edited as text, so a half-typed value stays on screen.
 * An empty box becomes NaN, which the schemas refuse as "not a number".
 */
export const numberFrom = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text.trim()));

export const textFrom = (value: number): string => String(value);
