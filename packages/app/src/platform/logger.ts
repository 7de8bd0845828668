// Structured JSON logs. Nothing secret or personal is written: cookies, authorisation headers,
// form bodies and email-link tokens are left out or redacted.
import pino, { type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', 'password', 'token', 'email', '*.password', '*.token', '*.email'],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({
        method: req.method,
        url: redactUrl(req.url),
      }),
    },
  });
}

/** Email-link secrets travel in paths and queries: hide them. */
export function redactUrl(url: string): string {
  return url.replace(/\/[A-Za-z0-9_-]{24,}(?=\/|\?|$)/g, '/[redacted]').replace(/([?&](?:_csrf|token|q|email)=)[^&]*/g, '$1[redacted]');
}
