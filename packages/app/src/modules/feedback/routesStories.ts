// Routes for telling a story, the author's own stories, moderation and themes (helper 1). Being built.
import type { App } from '../../platform/server.js';

export async function registerStoriesRoutes(_app: App): Promise<void> {}
