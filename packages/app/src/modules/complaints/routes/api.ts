// The complaints API: one complaint, for its complainant or the organisation's complaints managers
// (with a personal API token). Anyone else is told it is not found. Every read is recorded.
import { Type } from 'typebox';
import { organisationRef, Problem } from '../../../platform/apiSchemas.js';
import { type App, idParam } from '../../../platform/web/index.js';
import { contactOf } from '../people.js';
import { readableComplaint, viewComplaint } from '../service.js';
import { Complaint } from './apiSchemas.js';

export async function registerApiRoutes(app: App): Promise<void> {
  const { deps } = app;
  app.get(
    '/api/v1/complaints/:id',
    {
      schema: {
        tags: ['complaints'],
        summary: 'One complaint, for the person who made it or a complaints manager of its organisation',
        description: 'Anyone else gets 404, whether or not the complaint exists. Every read is recorded and shown to the complainant.',
        security: [{ bearerAuth: [] }],
        params: Type.Object({ id: Type.String({ description: 'The complaint number' }) }),
        response: { 200: Complaint, 404: Problem },
      },
    },
    async (request) => {
      const id = idParam(request, 'id');
      // Check first (404 for others), then name the viewer for the record.
      await readableComplaint(deps.db, request.actor, id);
      const viewer = await contactOf(deps.db, request.actor.accountId as number);
      const result = await viewComplaint(deps, request.actor, id, { viewerName: viewer.name, what: 'api' });
      if ('redirect' in result) throw new Error('unreachable: no page asked for');
      const c = result.complaint;
      return {
        id: c.id,
        reference: c.reference,
        organisation: organisationRef(c),
        status: c.status,
        whatHappened: c.whatHappened,
        eventDate: c.eventDate,
        whereHappened: c.whereHappened,
        peopleInvolved: c.peopleInvolved,
        outcomeWanted: c.outcomeWanted,
        onBehalf: c.onBehalf,
        personName: c.personName,
        consentBasis: c.consentBasis,
        receivedOn: c.receivedOn,
        late: c.late,
        timeLimitWaived: c.timeLimitWaived,
        acknowledgementDue: c.acknowledgementDue,
        acknowledgedOn: c.acknowledgedOn,
        responseDue: c.responseDue,
        responseSentOn: c.responseSentOn,
        outcome: c.outcome,
        closedOn: c.closedOn,
        ombudsmanReferredOn: c.ombudsmanReferredOn,
        subjects: c.subjects.map((s) => s.code),
        letters: c.letters.map((l) => ({ id: l.id, kind: l.kind, sentOn: l.sentOn })),
      };
    },
  );
}
