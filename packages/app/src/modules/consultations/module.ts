// Consultations: an organisation (or several) asks the public about a proposal, takes answers online,
// on paper and by phone, analyses them (counts with small groups hidden, coded free text, who
// answered against the population) and publishes "we asked, you said, we did".
import type { InvolveModule } from '../../platform/module.js';
import { consultationsDemo } from './demo.js';
import { consultationLabels } from './labels.js';
import * as m0001 from './migrations/0001_consultations.js';
import { consultationsRights } from './personalData.js';
import { can, canAnywhere, consultationsPolicy } from './policy.js';
import { registerConsultationRoutes } from './routes/index.js';
import { consultationsTables } from './schema.js';

void consultationLabels;

export const consultationsModule: InvolveModule = {
  name: 'consultations',
  tables: consultationsTables,
  ...consultationsRights,
  migrations: { '0001_consultations': m0001 },
  routes: registerConsultationRoutes,
  policy: consultationsPolicy,
  flash: {
    'consultation-created': 'The consultation is saved as a draft. Add its questions and documents, then open it.',
    'consultation-saved': 'The consultation is saved.',
    'question-added': 'The question is added.',
    'question-removed': 'The question is removed.',
    'phase-changed': 'The consultation has moved on.',
    'document-added': 'The document is uploaded.',
    'partner-added': 'The organisation is added.',
    'code-added': 'The code is added to the code frame.',
    'answer-coded': 'Your codes for that answer are saved.',
    'quote-added': 'The quote is added, with any identifiers removed.',
    'outcome-published': 'The outcome is published, and everyone who left an email address is being told.',
  },
  links: {
    organisation: ({ actor }, organisation) => [
      { href: `/consultations?organisation=${organisation.id}`, text: `Consultations by ${organisation.name}` },
      ...(can(actor, 'consultation.manage', { organisationId: organisation.id })
        ? [{ href: `/organisations/${organisation.id}/consultations/new`, text: `Start a consultation for ${organisation.name}` }]
        : []),
    ],
    place: (_context, place) => [{ href: `/consultations?place=${place.id}`, text: `Consultations in ${place.name}` }],
    account: ({ actor }) => (canAnywhere(actor, 'consultation.manage') ? [{ href: '/consultations', text: 'Consultations' }] : []),
    home: () => [{ href: '/consultations', text: 'Consultations', description: 'Have your say on changes to services before they are decided.' }],
  },
  demo: consultationsDemo,
};
