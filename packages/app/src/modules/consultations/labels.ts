// Plain-English names for the consultations module's codes: question kinds, document versions and
// how answers were given.
import { defineLabels } from '../../platform/labels.js';

export const consultationLabels = defineLabels({
  free_text: 'Free text',
  single_choice: 'Choose one',
  multiple_choice: 'Choose any',
  agree_scale: 'Agree or disagree',
  ranking: 'Put in order',
  allocation: 'Share points',
  about_you: 'About you',
  standard: 'Standard version',
  easy_read: 'Easy read',
  large_print: 'Large print',
  other_language: 'Another language',
  audio: 'Audio',
  bsl: 'British Sign Language video',
  online: 'Online',
  paper: 'On paper',
  phone: 'By phone',
  event: 'At an event',
});
