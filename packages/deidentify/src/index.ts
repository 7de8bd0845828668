// @involve/deidentify: finds what could identify a person in free text, and redacts it. Pure functions
// over strings: no database, no server, nothing from packages/app.
export { findIdentifiers, redact, redactionLabels, resolveOverlaps } from './deidentify.js';
export { isValidNhsNumber, nhsCheckDigit } from './rules/nhsNumber.js';
export { type FindOptions, type IdentifierKind, type IdentifierSpan, identifierKinds } from './types.js';
