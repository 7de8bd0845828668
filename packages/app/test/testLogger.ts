// A logger that writes nothing, for tests that need one.
import pino, { type Logger } from 'pino';

export function createPino(): Logger {
  return pino({ level: 'silent' });
}
