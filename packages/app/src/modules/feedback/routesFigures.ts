// Routes for the Friends and Family Test and each organisation's and place's figures (helper 3). Being built.
import type { App } from '../../platform/server.js';

export async function registerFiguresRoutes(_app: App): Promise<void> {}
