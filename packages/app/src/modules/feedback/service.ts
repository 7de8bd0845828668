// The feedback module's public face: what other modules may use (issue 11: only through this file).
export { storyForAuthor } from './stories.js';
