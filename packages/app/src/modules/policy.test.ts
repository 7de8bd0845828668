import { describe, expect, it } from 'vitest';
// The policy table as the modules declare it (the composition root loads every module's policy).
import { type Action, type Actor, anonymous, can, policyTable } from '../platform/permissions.js';
import './index.js';

const platformAdmin: Actor = { accountId: 1, platformAdmin: true, organisationRoles: [] };
const adminOfTen: Actor = { accountId: 2, platformAdmin: false, organisationRoles: [{ organisationId: 10, role: 'admin' }] };
const responderOfTen: Actor = { accountId: 3, platformAdmin: false, organisationRoles: [{ organisationId: 10, role: 'responder' }] };

describe('can', () => {
  it('lets an organisation admin change their own organisation and not another', () => {
    expect(can(adminOfTen, 'organisation.update', { organisationId: 10 })).toBe(true);
    expect(can(adminOfTen, 'organisation.update', { organisationId: 11 })).toBe(false);
    expect(can(adminOfTen, 'member.manage', { organisationId: 11 })).toBe(false);
  });

  it('gives a responder no admin powers', () => {
    expect(can(responderOfTen, 'organisation.update', { organisationId: 10 })).toBe(false);
    expect(can(responderOfTen, 'admin.enter')).toBe(false);
  });

  it('lets an anonymous visitor read the registry, published stories, consultations, decisions, meetings, budgets, elections and citizens’ assemblies, report, answer the FFT and consultations, ask a meeting a question and register to attend, vote in a budget or an election (eligibility is checked by the service: a code or a sign-in), and nothing else', () => {
    const open = new Set([
      'registry.read',
      'story.read',
      'story.report',
      'fft.submit',
      'consultation.read',
      'consultation.answer',
      'decision.read',
      'meeting.read',
      'meeting.ask',
      'meeting.register',
      'budget.read',
      'budget.vote',
      'election.read',
      'election.vote',
      'assembly.read',
      'directory.read',
      'timebank.read',
      'referral.about',
    ]);
    for (const action of policyTable().keys() as IterableIterator<Action>) {
      expect(can(anonymous, action, { organisationId: 10, accountId: 1 }), action).toBe(open.has(action));
    }
  });

  it('lets a platform moderator moderate stories of every organisation, and an organisation moderator only their own', () => {
    const platformModerator = { accountId: 3, platformAdmin: false, platformModerator: true, organisationRoles: [] };
    const moderatorOfTen = { accountId: 4, platformAdmin: false, organisationRoles: [{ organisationId: 10, role: 'moderator' as const }] };
    expect(can(platformModerator, 'story.moderate', { organisationId: 99 })).toBe(true);
    expect(can(platformModerator, 'organisation.update', { organisationId: 99 })).toBe(false);
    expect(can(moderatorOfTen, 'story.moderate', { organisationId: 10 })).toBe(true);
    expect(can(moderatorOfTen, 'story.moderate', { organisationId: 11 })).toBe(false);
    expect(can(moderatorOfTen, 'story.respond', { organisationId: 10 })).toBe(false);
  });

  it("never lets a platform admin speak as a story author or for an organisation, or read an author's own words", () => {
    const admin = { accountId: 5, platformAdmin: true, organisationRoles: [] };
    expect(can(admin, 'story.reply', { accountId: 6 })).toBe(false);
    expect(can(admin, 'story.readOwn', { accountId: 6 })).toBe(false);
    expect(can(admin, 'story.respond', { organisationId: 10 })).toBe(false);
    expect(can(admin, 'theme.manage')).toBe(true);
  });

  it("keeps a person's own account private even from a platform admin", () => {
    expect(can(platformAdmin, 'account.read', { accountId: 5 })).toBe(false);
    expect(can({ ...responderOfTen, accountId: 5 }, 'account.read', { accountId: 5 })).toBe(true);
    expect(can(platformAdmin, 'organisation.delete', { organisationId: 10 })).toBe(true);
  });
});
