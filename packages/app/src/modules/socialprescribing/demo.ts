// The social prescribing part of the demo (stage 3, after accounts and directory services): the
// demo link worker at Northvale CVS holds 20 referrals in every state — 3 waiting to be taken on,
// 3 contacted, 4 active, 4 following up, 6 closed, each with a different reason — from Millbrook
// Medical Centre (whose demo GP made theirs) and other practices, the hospital and community trusts,
// the link worker and people themselves. The demo member's own record is following up, with
// conversations, two connections and scores at the start and at a follow-up. Every record past first
// contact has ONS4 scores at the start, and 10 have later ones, so the figures show the change while
// small sources stay suppressed. Dates are whole days before the day the demo is loaded, from a fixed
// table, so the demo reads the same every time; connections are to the demo directory's services.
import type { DemoContext, DemoStep } from '../../platform/module.js';
import { anonymous } from '../../platform/permissions.js';
import { todayInEngland } from '../../platform/web/forms.js';
import { accountNames, createVerifiedAccount } from '../accounts/service.js';
import { searchServices } from '../directory/service.js';
import type { CloseReason, ConnectionStatus, ConversationMode, ReferralSource, ReferralState } from './schema.js';

interface DemoReferral {
  state: ReferralState;
  source: ReferralSource;
  /** The referring organisation's demo key (practices and trusts). */
  from?: string;
  /** Days before the demo's day that the referral came. */
  daysAgo: number;
  /** A made-up person without an account; 'member' for the demo member; 'self' for a made-up person who referred themself. */
  person: string;
  reason: string;
  close?: CloseReason;
}

const demoReferrals: DemoReferral[] = [
  // Following up: the demo member's own record, from their practice.
  {
    state: 'following_up',
    source: 'gp_practice',
    from: 'pMillbrook',
    daysAgo: 120,
    person: 'member',
    reason: 'Low mood since retiring; would like to get out more and meet people.',
  },
  {
    state: 'received',
    source: 'gp_practice',
    from: 'pCastle',
    daysAgo: 2,
    person: 'Aisha Rahman',
    reason: 'Isolated after a bereavement; asks for something to do in the week.',
  },
  {
    state: 'received',
    source: 'self',
    daysAgo: 5,
    person: 'self:Brian Holt',
    reason: 'I care for my wife and have no time for myself. I would like to talk to someone about support.',
  },
  {
    state: 'received',
    source: 'gp_practice',
    from: 'pMillbrook',
    daysAgo: 9,
    person: 'Carol Dunne',
    reason: 'Frequent appointments for back pain; keen to be more active.',
  },
  { state: 'contacted', source: 'gp_practice', from: 'pRiverside', daysAgo: 12, person: 'Daniel Price', reason: 'Debt worries affecting sleep.' },
  { state: 'contacted', source: 'health_service', from: 'acute', daysAgo: 16, person: 'Edna Marsh', reason: 'Discharged after a fall; lives alone.' },
  {
    state: 'contacted',
    source: 'self',
    daysAgo: 20,
    person: 'self:Farid Nazari',
    reason: 'New to the area and would like to meet people and practise my English.',
  },
  {
    state: 'active',
    source: 'gp_practice',
    from: 'pMillbrook',
    daysAgo: 30,
    person: 'Gina Lowe',
    reason: 'Type 2 diabetes; wants support to change diet and exercise.',
  },
  { state: 'active', source: 'link_worker', daysAgo: 38, person: 'Harold Finch', reason: 'Met at the community café; lonely since his dog died.' },
  { state: 'active', source: 'gp_practice', from: 'pNorthRoad', daysAgo: 45, person: 'Imogen Clarke', reason: 'Anxiety; would like a calm hobby and company.' },
  { state: 'active', source: 'self', daysAgo: 52, person: 'self:Joseph Okafor', reason: 'I have COPD and want to stay active and meet others with it.' },
  {
    state: 'following_up',
    source: 'gp_practice',
    from: 'pCastle',
    daysAgo: 75,
    person: 'Kath Byrne',
    reason: 'Memory worries; family asked for activities nearby.',
  },
  {
    state: 'following_up',
    source: 'health_service',
    from: 'community',
    daysAgo: 90,
    person: 'Liam Shaw',
    reason: 'Recovering from depression; wants routine and purpose.',
  },
  {
    state: 'following_up',
    source: 'gp_practice',
    from: 'pMillbrook',
    daysAgo: 100,
    person: 'Maureen Ellis',
    reason: 'Carer for her son; exhausted and would like a break.',
  },
  {
    state: 'closed',
    source: 'gp_practice',
    from: 'pMillbrook',
    daysAgo: 175,
    person: 'Neil Turner',
    reason: 'Overweight and lonely; wants to walk with others.',
    close: 'goals_met',
  },
  {
    state: 'closed',
    source: 'gp_practice',
    from: 'pRiverside',
    daysAgo: 160,
    person: 'Olive Grant',
    reason: 'Struggling with money since her husband died.',
    close: 'connected_and_settled',
  },
  {
    state: 'closed',
    source: 'self',
    daysAgo: 150,
    person: 'self:Priya Desai',
    reason: 'I feel stuck at home with a new baby and would like to meet other parents.',
    close: 'declined',
  },
  {
    state: 'closed',
    source: 'link_worker',
    daysAgo: 140,
    person: 'Quentin Hale',
    reason: 'Sleeping rough in the past; now housed and wants company.',
    close: 'no_contact',
  },
  {
    state: 'closed',
    source: 'gp_practice',
    from: 'pNorthRoad',
    daysAgo: 130,
    person: 'Rosa Lima',
    reason: 'Hearing loss leaving her isolated.',
    close: 'moved_away',
  },
  {
    state: 'closed',
    source: 'gp_practice',
    from: 'pCastle',
    daysAgo: 110,
    person: 'Stan Webb',
    reason: 'Drinking more since losing his job.',
    close: 'referred_elsewhere',
  },
];

const whatMatters = [
  'Being useful again and seeing people most days.',
  'My garden, my grandchildren, and not feeling so tired.',
  'Getting my confidence back to go out on my own.',
  'Sleeping better and not worrying about bills.',
  'Learning something new and making a friend or two.',
];
const modes: ConversationMode[] = ['in_person', 'phone', 'home_visit', 'video'];
const closeNotes: Record<CloseReason, string> = {
  goals_met: 'Walking twice a week with the group and feeling much better.',
  connected_and_settled: 'Settled with the advice service and the lunch club.',
  declined: 'Decided it was not for them just now; welcome to come back.',
  no_contact: 'No answer to calls or letters after the first follow-up.',
  moved_away: 'Moved to be near family.',
  referred_elsewhere: 'Referred to the community mental health team.',
  other: '',
};

const day = (base: string, offset: number) => new Date(Date.parse(`${base}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
const at = (date: string, hour = 10) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
const clamp = (n: number) => Math.max(0, Math.min(10, n));

async function loadSocialPrescribing({ db, id, ids }: DemoContext): Promise<void> {
  const base = todayInEngland();
  const organisationId = id('organisation:cvs');
  const linkWorker = id('account:linkWorker');
  const referrer = id('account:referrer');
  const member = id('account:member');
  const names = await accountNames(db, [member]);
  const services = (await searchServices(db, anonymous, { pageSize: 100 })).items.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));

  for (const [i, r] of demoReferrals.entries()) {
    const received = day(base, -r.daysAgo);
    // Who the person is: the demo member, someone who referred themself (with an account), or someone without one.
    let personName = r.person;
    let personEmail: string | null = `${r.person
      .replace(/^self:/, '')
      .toLowerCase()
      .replace(/\W+/g, '.')}@demo.involve.test`;
    let personAccount: number | null = null;
    if (r.person === 'member') {
      personName = names.get(member) ?? 'Demo PPG Member';
      personEmail = 'member@demo.involve.test';
      personAccount = member;
    } else if (r.person.startsWith('self:')) {
      personName = r.person.slice(5);
      personAccount = await createVerifiedAccount(db, { email: personEmail, name: personName, password: `sp-demo-${i}-not-for-signing-in` });
    } else if (i % 4 === 1) {
      personEmail = null;
    }
    const taken = r.state !== 'received';
    const contactedOn = day(received, 2 + (i % 5));
    const conversationOn = day(contactedOn, 3);
    const followUpOn = day(conversationOn, 30);
    const closedOn = day(followUpOn, 14);
    const worked = r.state === 'active' || r.state === 'following_up' || r.state === 'closed';
    const followedUp = r.state === 'following_up' || r.state === 'closed';
    const plan = worked ? 'Try a group nearby in the next fortnight; the link worker checks in after a month.' : '';
    const { id: referralId } = await db
      .insertInto('referral')
      .values({
        organisation_id: organisationId,
        source: r.source,
        referrer_organisation_id: r.from ? id(`organisation:${r.from}`) : null,
        referrer_account_id: r.source === 'self' ? personAccount : r.source === 'link_worker' ? linkWorker : r.from === 'pMillbrook' ? referrer : null,
        person_account_id: personAccount,
        person_name: personName,
        person_email: personEmail,
        person_phone: personEmail === null || i % 3 === 0 ? `01632 960${String(100 + i).padStart(3, '0')}` : null,
        reason: r.reason,
        share_with_groups: i % 3 !== 2,
        link_worker_account_id: taken || r.source === 'link_worker' ? linkWorker : null,
        state: r.state,
        first_contact_at: taken ? at(contactedOn) : null,
        plan,
        plan_updated_at: worked ? at(conversationOn, 14) : null,
        closed_at: r.state === 'closed' ? at(closedOn, 16) : null,
        close_reason: r.close ?? null,
        close_note: r.close ? closeNotes[r.close] : '',
        created_at: at(received, 9),
        updated_at: at(r.state === 'closed' ? closedOn : taken ? contactedOn : received, 16),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (r.person === 'member') ids.set('referral:member', referralId);
    if (!worked) continue;

    await db
      .insertInto('referral_conversation')
      .values([
        {
          referral_id: referralId,
          held_on: conversationOn,
          mode: modes[i % modes.length] as ConversationMode,
          what_matters: whatMatters[i % whatMatters.length] as string,
          notes: 'Talked through what a week looks like now and what they would like it to look like.',
          author_account_id: linkWorker,
          created_at: at(conversationOn, 14),
        },
        ...(r.person === 'member'
          ? [
              {
                referral_id: referralId,
                held_on: day(conversationOn, 20),
                mode: 'phone' as const,
                what_matters: 'Enjoying the walks; would like something indoors for the winter too.',
                notes: 'Suggested the men’s shed open morning.',
                author_account_id: linkWorker,
                created_at: at(day(conversationOn, 20), 11),
              },
            ]
          : []),
      ])
      .execute();

    // Connections: two for the member and for those followed up, one otherwise, spread over the directory.
    const picks = services.length ? [services[(i * 7) % services.length], ...(followedUp ? [services[(i * 7 + 3) % services.length]] : [])] : [];
    const unique = [...new Map(picks.filter((s) => s !== undefined).map((s) => [s.id, s])).values()];
    if (unique.length) {
      await db
        .insertInto('referral_connection')
        .values(
          unique.map((s, k) => {
            const status: ConnectionStatus = !followedUp ? 'suggested' : k === 1 && i % 2 === 0 ? 'stopped' : 'attending';
            return {
              referral_id: referralId,
              service_id: s.id,
              service_name: s.name,
              service_organisation_id: s.organisationId,
              category: s.categories[0]?.name ?? '',
              status,
              note: k === 0 ? 'Introduced by phone; the organiser expects them.' : '',
              connected_on: day(conversationOn, 5 + k * 7),
              author_account_id: linkWorker,
              created_at: at(day(conversationOn, 5 + k * 7), 15),
              updated_at: at(day(conversationOn, 5 + k * 7), 15),
            };
          }),
        )
        .execute();
    }

    // ONS4: at the start for everyone worked with; at a follow-up for those followed up, better on the whole.
    const start = { life_satisfaction: 3 + (i % 4), worthwhile: 4 + (i % 3), happiness: 3 + (i % 5 === 0 ? 1 : 0), anxiety: 7 - (i % 3) };
    const gain = r.close === 'declined' || r.close === 'no_contact' ? 0 : 1 + (i % 3);
    await db
      .insertInto('referral_wellbeing')
      .values({
        referral_id: referralId,
        taken_on: conversationOn,
        moment: 'start',
        ...start,
        author_account_id: linkWorker,
        created_at: at(conversationOn, 15),
      })
      .execute();
    if (!followedUp) continue;
    const { id: followUpId } = await db
      .insertInto('referral_follow_up')
      .values({
        referral_id: referralId,
        due_on: followUpOn,
        done_at: at(followUpOn, 11),
        notes: gain ? 'Going most weeks and enjoying it.' : 'Has not been going; talked about what got in the way.',
        author_account_id: linkWorker,
        reminder_sent_at: at(followUpOn, 7),
        created_at: at(conversationOn, 16),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('referral_wellbeing')
      .values({
        referral_id: referralId,
        taken_on: followUpOn,
        moment: 'follow_up',
        follow_up_id: followUpId,
        life_satisfaction: clamp(start.life_satisfaction + gain),
        worthwhile: clamp(start.worthwhile + gain),
        happiness: clamp(start.happiness + gain + 1),
        anxiety: clamp(start.anxiety - gain),
        author_account_id: linkWorker,
        created_at: at(followUpOn, 12),
      })
      .execute();
    // Those still followed up have the next follow-up booked: one is overdue, the member's is next week.
    if (r.state === 'following_up') {
      await db
        .insertInto('referral_follow_up')
        .values({
          referral_id: referralId,
          due_on: r.person === 'member' ? day(base, 7) : i === 11 ? day(base, -3) : day(base, 10 + i),
          author_account_id: null,
          reminder_sent_at: i === 11 ? at(day(base, -3), 7) : null,
          created_at: at(followUpOn, 12),
        })
        .execute();
    }
  }
}

export const socialPrescribingDemo: DemoStep[] = [{ stage: 3, load: loadSocialPrescribing }];
