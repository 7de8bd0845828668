// A published story's page, shared by the forms posted from it (responses and reports in
// public.ts, the author's reply in account.ts): what it shows and how a form on it is re-shown with
// its errors. What a reader may do there is asked of the gate (storyPageAccess).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AppDeps, formOf, handleForm, idParam, view } from '../../../platform/web/index.js';
import { publishedStoryWithThread } from '../reading.js';
import { responseLimit, storyPageAccess } from '../responses.js';
import { authorRoleLabels, changeStatusLabels, criticalityLabels, monthLabel } from '../storyLabels.js';

export const page = view('feedback');

export async function storyPageContext(deps: AppDeps, request: FastifyRequest, id: number, values: Record<string, unknown> = {}) {
  const { story, responses } = await publishedStoryWithThread(deps.db, id);
  const access = await storyPageAccess(deps, request.actor, story);
  return {
    title: story.title,
    story,
    responses,
    authorRole: authorRoleLabels[story.authorRole],
    month: monthLabel(story.happenedMonth),
    changeLabels: changeStatusLabels,
    canRespond: access.canRespond,
    canReply: access.canReply,
    // Criticality is for the organisation's staff and moderators only.
    criticality: access.criticality === null ? null : criticalityLabels[access.criticality],
    // The author's communication needs are for the organisation's responders only.
    communicationNeeds: access.communicationNeeds,
    signedName: request.account?.name ?? '',
    responseLimit,
    values,
  };
}

/** Run a form posted from the story page; when it breaks a rule, show the page again with what was typed. */
export function storyForm(deps: AppDeps, request: FastifyRequest, reply: FastifyReply, action: () => Promise<FastifyReply>): Promise<FastifyReply> {
  const id = idParam(request, 'id');
  const context = () => storyPageContext(deps, request, id, { ...formOf(request), _csrf: undefined });
  return handleForm(reply, { template: page('story'), context }, action);
}
