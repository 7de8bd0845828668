import { describe, expect, it } from 'vitest';
import { maskAccessLinks, maskedName, maskedSecret, maskGreeting } from './outbox.js';

describe('maskAccessLinks', () => {
  it('hides links carrying a one-time secret and keeps every other word and link', () => {
    const token = 'aB3_dEf-GhIjKlMnOpQrStUvWxYz0123456789abcde';
    const text = [
      'Hello Ann,',
      `Reset your password: http://127.0.0.1:3000/reset-password/${token}`,
      `Confirm: https://involve.example/verify-email/${token}.`,
      `Or https://involve.example/sign-in?token=${token}&next=/account`,
      'Sign in at https://involve.example/sign-in or read https://involve.example/stories/12.',
    ].join('\n');
    const masked = maskAccessLinks(text);
    expect(masked).not.toContain(token);
    expect(masked.split(maskedSecret)).toHaveLength(4);
    expect(masked).toContain('Hello Ann,');
    expect(masked).toContain('https://involve.example/sign-in or read https://involve.example/stories/12.');
  });
});

describe('maskGreeting', () => {
  it('hides the name in the opening greeting only, keeping the rest of the email', () => {
    const text = 'Dear Cara Complainant,\n\nWe have your complaint. Dear colleagues, see below.';
    expect(maskGreeting(text)).toBe(`Dear ${maskedName},\n\nWe have your complaint. Dear colleagues, see below.`);
    expect(maskGreeting('Your story is published.')).toBe('Your story is published.');
  });
});
