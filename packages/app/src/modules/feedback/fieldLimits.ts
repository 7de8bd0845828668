// The most characters each feedback field takes: the forms' checks and messages and the API schema
// all use these numbers, so a field has one limit everywhere (issue 12, defect 11).

export const fieldLimits = {
  /** A story's title, as told and as published. */
  title: 150,
  /** The service or ward a story or a Friends and Family Test answer is about, or an alert is for. */
  service: 200,
  /** The name shown with a story, like "A patient". */
  displayName: 80,
  /** Each part of a story (what happened, what was good, …), as told and as published. */
  storyPart: 10_000,
  /** An email address (RFC 5321's limit). */
  email: 254,
  /** An organisation's public response, or the author's reply. */
  response: 10_000,
  signedName: 120,
  signedRole: 120,
  /** The change a response records as planned or made. */
  changeDescription: 2_000,
  /** A reader's reason for reporting, or a moderator's for not publishing. */
  reason: 2_000,
  themeName: 60,
  /** The services an alert is limited to, all together. */
  alertServices: 2_000,
  /** The comment left with a Friends and Family Test answer. */
  fftComment: 5_000,
  /** The words typed in a search box. */
  search: 200,
} as const;

/** "X must be N characters or fewer (you have entered M)": the one way a too-long field is named. */
export function tooLongMessage(label: string, max: number, length: number): string {
  return `${label} must be ${max.toLocaleString('en-GB')} characters or fewer (you have entered ${length.toLocaleString('en-GB')})`;
}
