// Letters: placeholders filled by plain replacement (never run as a template), unknown ones
// caught, and the Ombudsman paragraph always at the end of a final response.
import { describe, expect, it } from 'vitest';
import { checkLetterText, composeLetter, defaultTemplates, fillPlaceholders, leftoverGuidance, ombudsmanParagraph, unknownPlaceholders } from './letters.js';
import { letterKinds } from './schema.js';

describe('letters', () => {
  it('fills placeholders with the values as plain text, without expanding anything inside them', () => {
    const { text, missing } = fillPlaceholders('Dear {{ complainant_name }}, about {{reference}}: {{response_date}}', {
      complainant_name: 'Ann {{reference}} <b>bold</b>',
      reference: 'C-ABCD-EFGH',
    });
    expect(text).toBe('Dear Ann {{reference}} <b>bold</b>, about C-ABCD-EFGH: {{response_date}}');
    expect(missing).toEqual(['response_date']);
  });

  it('leaves template-engine syntax alone: nothing in a letter is ever run', () => {
    const text = '{% for x in range(100000000) %}x{% endfor %} {{ 7*7 }} {{ constructor.constructor }}';
    expect(fillPlaceholders(text, {}).text).toBe(text);
    expect(unknownPlaceholders('{{foo}} {{ reference }} {{ bar_2 }}')).toEqual(['foo', 'bar_2']);
  });

  it('checks letter text: not empty, not too long, only known placeholders', () => {
    expect(checkLetterText('')).toBe('Enter the text of the letter');
    expect(checkLetterText('x'.repeat(20_001))).toBe('The letter must be 20,000 characters or fewer');
    expect(checkLetterText('Hi {{name}}', 'The template')).toBe(
      'The template uses {{name}}, which Involve does not know. Use only the placeholders listed on this page',
    );
    expect(checkLetterText('Dear {{complainant_name}}')).toBeNull();
  });

  it('ends every final response with the Ombudsman paragraph, and no other letter', () => {
    const letter = composeLetter('final_response', 'Dear Ann,\r\n\r\nWe are sorry.\n\n');
    expect(letter).toBe(`Dear Ann,\n\nWe are sorry.\n\n${ombudsmanParagraph}`);
    expect(ombudsmanParagraph).toContain('Parliamentary and Health Service Ombudsman');
    expect(ombudsmanParagraph).toContain('0345 015 4033');
    expect(ombudsmanParagraph).toContain('www.ombudsman.org.uk');
    expect(composeLetter('acknowledgement', 'Dear Ann')).toBe('Dear Ann');
    expect(composeLetter('delay', 'Dear Ann')).not.toContain('Ombudsman');
  });

  it('ships default templates that use only known placeholders, with guidance to replace where needed', () => {
    for (const kind of letterKinds) expect(unknownPlaceholders(defaultTemplates[kind]), kind).toEqual([]);
    expect(leftoverGuidance(defaultTemplates.acknowledgement)).toBeNull();
    expect(leftoverGuidance(defaultTemplates.final_response)).toMatch(/square brackets/);
    expect(leftoverGuidance(defaultTemplates.delay)).toMatch(/square brackets/);
    // The Ombudsman paragraph is not in the editable template: it cannot be deleted from it.
    expect(defaultTemplates.final_response).not.toContain('Ombudsman');
  });
});
