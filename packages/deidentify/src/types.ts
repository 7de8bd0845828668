// The types of de-identification, in a file of their own so the rule files and the finder that
// gathers them both import from here, and never from each other.
export type IdentifierKind = 'name' | 'nhs_number' | 'phone' | 'email' | 'postcode' | 'date' | 'address';

export const identifierKinds: readonly IdentifierKind[] = ['name', 'nhs_number', 'phone', 'email', 'postcode', 'date', 'address'];

export interface IdentifierSpan {
  /** Offset of the first code unit, as JavaScript string indices count (UTF-16 code units). */
  start: number;
  /** Offset just after the last code unit: text.slice(start, end) is the identifier. */
  end: number;
  kind: IdentifierKind;
  /** 0 to 1: how sure the rule is. 0.99 for checked patterns, lower for heuristics. */
  confidence: number;
  /** The identifier itself, when asked for (findIdentifiers(text, { withText: true })). */
  text?: string;
}

export interface FindOptions {
  /** Include each span's text (for people reading the result; leave off when storing spans). */
  withText?: boolean;
}
