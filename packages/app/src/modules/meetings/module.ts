// Public meetings of the registry's bodies (boards, committees, patient groups): agendas with public
// and private parts and their papers, the public's questions and answers, registration to attend,
// minutes and decisions per item, and iCalendar feeds per body, organisation and place.
import type { InvolveModule } from '../../platform/module.js';
import { meetingsDemo } from './demo.js';
import * as m0001 from './migrations/0001_meetings.js';
import * as m0002 from './migrations/0002_meeting_body_cascade.js';
import { meetingsRights } from './personalData.js';
import { can, canAnywhere, meetingsPolicy } from './policy.js';
import { registerMeetingRoutes } from './routes/index.js';
import { meetingsTables } from './schema.js';

export const meetingsModule: InvolveModule = {
  name: 'meetings',
  tables: meetingsTables,
  ...meetingsRights,
  migrations: { '0001_meetings': m0001, '0002_meeting_body_cascade': m0002 },
  routes: registerMeetingRoutes,
  policy: meetingsPolicy,
  flash: {
    'meeting-created': 'The meeting is saved. Add its agenda and papers: papers stay hidden until you publish them.',
    'meeting-saved': 'The meeting is saved.',
    'meeting-item-added': 'The item is added to the agenda.',
    'meeting-item-removed': 'The item is removed from the agenda.',
    'meeting-item-moved': 'The item is moved up the agenda.',
    'meeting-paper-added': 'The paper is uploaded. It is not public until you publish the papers.',
    'meeting-papers-published': 'The papers of the public part are published, and the people who follow this body are being told.',
    'meeting-cancelled': 'The meeting is cancelled. Calendars that follow it will show it as cancelled.',
    'meeting-held': 'The meeting is marked as held. Its minutes show on its page as you write them.',
    'meeting-question-accepted': 'The question is accepted. Publish its answer when you have one.',
    'meeting-question-declined': 'The question is declined, and the person who asked is being told why.',
    'meeting-question-answered': 'The answer is published on the meeting’s page, and the person who asked is being told.',
    'meeting-minutes-saved': 'The minutes of the item are saved.',
    'meeting-decision-recorded': 'The decision is recorded in the accountability trail. Add the actions that follow on its page.',
  },
  links: {
    organisation: ({ actor }, organisation) => [
      { href: `/meetings?organisation=${organisation.id}`, text: `Public meetings of ${organisation.name}` },
      ...(can(actor, 'meeting.manage', { organisationId: organisation.id })
        ? [{ href: `/organisations/${organisation.id}/meetings/new`, text: `Arrange a public meeting for ${organisation.name}` }]
        : []),
    ],
    place: (_context, place) => [{ href: `/meetings?place=${place.id}`, text: `Public meetings in ${place.name}` }],
    account: ({ actor }) => (canAnywhere(actor, 'meeting.manage') ? [{ href: '/meetings', text: 'Public meetings' }] : []),
    home: () => [
      { href: '/meetings', text: 'Public meetings', description: 'Board and committee meetings held in public: go, ask a question, read the papers.' },
    ],
  },
  demo: meetingsDemo,
};
