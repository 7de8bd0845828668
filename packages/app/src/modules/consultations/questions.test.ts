import { describe, expect, it } from 'vitest';
import { checkQuestion, formFieldsOf, type Question, readAnswer, readAnswers } from './questions.js';

const q = (kind: Question['kind'], extra: Partial<Question> = {}): Question => ({
  id: 7,
  position: 2,
  kind,
  text: 'Question',
  hint: null,
  required: false,
  options: ['Beds', 'Clinics', 'Transport'],
  budget: kind === 'allocation' ? 100 : null,
  aboutYouKey: kind === 'about_you' ? 'sex' : null,
  ...extra,
});

describe('reading answers', () => {
  it('takes each kind of answer and names the question when it does not fit', () => {
    expect(readAnswer(q('free_text'), { q7: '  More buses  ' })).toEqual({ value: { text: 'More buses' } });
    expect(readAnswer(q('free_text'), { q7: 'x'.repeat(5001) })).toEqual({ error: 'Question 2: your answer must be 5,000 characters or fewer (it has 5,001)' });
    expect(readAnswer(q('single_choice'), { q7: 'Beds' })).toEqual({ value: { choice: 'Beds' } });
    expect(readAnswer(q('single_choice'), { q7: 'Helicopters' })).toEqual({ error: 'Question 2: choose one of the options' });
    expect(readAnswer(q('agree_scale'), { q7: 'Agree' })).toEqual({ value: { choice: 'Agree' } });
    expect(readAnswer(q('about_you'), { q7: 'Prefer not to say' })).toEqual({ value: { choice: 'Prefer not to say' } });
    expect(readAnswer(q('multiple_choice'), { q7: ['Beds', 'Clinics', 'Beds'] })).toEqual({ value: { choices: ['Beds', 'Clinics'] } });
    expect(readAnswer(q('ranking'), { q7_0: '2', q7_1: '3', q7_2: '1' })).toEqual({ value: { order: ['Transport', 'Beds', 'Clinics'] } });
    expect(readAnswer(q('ranking'), { q7_0: '1', q7_1: '1', q7_2: '2' })).toEqual({ error: 'Question 2: give each option a different number from 1 to 3' });
    expect(readAnswer(q('allocation'), { q7_0: '60', q7_2: '40' })).toEqual({ value: { points: { Beds: 60, Transport: 40 } } });
    expect(readAnswer(q('allocation'), { q7_0: '60', q7_1: '50' })).toEqual({ error: 'Question 2: you have shared 110 points; share no more than 100' });
    expect(readAnswer(q('single_choice'), {})).toEqual({ value: null });
  });

  it('asks for required answers only when the answers are sent, not when saved for later', () => {
    const required = q('single_choice', { required: true });
    expect(readAnswers([required], {}, { requireRequired: true }).errors).toEqual({ q7: 'Question 2: answer this question' });
    expect(readAnswers([required], {}, { requireRequired: false }).errors).toEqual({});
  });

  it('puts an answer back into the form as it was typed', () => {
    const ranking = q('ranking');
    const read = readAnswer(ranking, { q7_0: '2', q7_1: '3', q7_2: '1' });
    expect('value' in read && read.value ? formFieldsOf(ranking, read.value) : null).toEqual({ q7_0: '2', q7_1: '3', q7_2: '1' });
  });
});

describe('checking a question as staff write it', () => {
  it('names what is missing', () => {
    expect(checkQuestion({ kind: 'single_choice', text: '', options: ['Only one'], budget: '', aboutYouKey: '' })).toEqual({
      text: 'Enter the question',
      options: 'Enter at least 2 options, one on each line',
    });
    expect(checkQuestion({ kind: 'allocation', text: 'Share', options: ['a', 'b'], budget: 'lots', aboutYouKey: '' })).toEqual({
      budget: 'Enter the points (or pounds) to share, as a whole number',
    });
    expect(checkQuestion({ kind: 'about_you', text: '', options: [], budget: '', aboutYouKey: 'sex' })).toEqual({});
    expect(checkQuestion({ kind: 'poll', text: 'x', options: [], budget: '', aboutYouKey: '' })).toHaveProperty('kind');
  });
});
