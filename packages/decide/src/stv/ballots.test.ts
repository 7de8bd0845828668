import { describe, expect, it } from 'vitest';
import { prepareBallots } from './ballots.js';
import { parseBlt } from './blt.js';

const names = '"A"\n"B"\n"C"\n"D"\n';

describe('prepareBallots: reading ballot papers as the Order says', () => {
  it('merges identical ballots and counts valid papers', () => {
    const prepared = prepareBallots(parseBlt(`4 1\n2 1 2 0\n3 1 2 0\n1 3 0\n0\n${names}`));
    expect(prepared.groups).toEqual([
      { preferences: [0, 1], weight: 5 },
      { preferences: [2], weight: 1 },
    ]);
    expect(prepared.valid).toBe(6);
    expect(prepared.invalid).toBe(0);
    expect(prepared.notes).toEqual([]);
  });

  it('stops at a skipped preference (the later ones are not in consecutive order)', () => {
    const prepared = prepareBallots(parseBlt(`4 1\n2 1 2 - 3 0\n0\n${names}`));
    expect(prepared.groups).toEqual([{ preferences: [0, 1], weight: 2 }]);
    expect(prepared.notes).toEqual([expect.objectContaining({ line: 2, weight: 2, kind: 'skipped-preference' })]);
  });

  it('stops before a preference given to several candidates', () => {
    const prepared = prepareBallots(parseBlt(`4 1\n1 1 2=3 4 0\n0\n${names}`));
    expect(prepared.groups).toEqual([{ preferences: [0], weight: 1 }]);
    expect(prepared.notes[0]?.kind).toBe('equal-preference');
    expect(prepared.notes[0]?.message).toMatch(/line 2: preference 2 is given to 2 candidates/);
  });

  it('treats a first preference given to several candidates, or a skipped first preference, as void', () => {
    const prepared = prepareBallots(parseBlt(`4 1\n3 1=2 3 0\n2 - 1 0\n1 4 0\n0\n${names}`));
    expect(prepared.valid).toBe(1);
    expect(prepared.invalid).toBe(5);
    expect(prepared.notes.map((n) => [n.line, n.kind])).toEqual([
      [2, 'void-equal-first'],
      [3, 'no-valid-preference'],
    ]);
  });

  it('ignores the later preference for a candidate named twice', () => {
    const prepared = prepareBallots(parseBlt(`4 1\n1 1 3 3 2 0\n0\n${names}`));
    expect(prepared.groups).toEqual([{ preferences: [0, 2, 1], weight: 1 }]);
    expect(prepared.notes[0]?.kind).toBe('repeated-candidate');
  });

  it('removes withdrawn candidates and closes up; a paper left empty is not valid', () => {
    const prepared = prepareBallots(parseBlt(`4 1\n-2\n1 2 1 0\n1 1=2 3 0\n4 2 0\n0\n${names}`));
    expect(prepared.groups).toEqual([
      { preferences: [0], weight: 1 },
      { preferences: [0, 2], weight: 1 },
    ]);
    expect(prepared.valid).toBe(2);
    expect(prepared.invalid).toBe(4);
    expect(prepared.notes.map((n) => n.kind)).toEqual(['no-valid-preference']);
  });
});
