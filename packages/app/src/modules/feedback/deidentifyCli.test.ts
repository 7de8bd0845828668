// The `involve deidentify` command, driven through real streams.
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runDeidentify } from './deidentifyCli.js';

async function run(chunks: Array<string | Buffer>): Promise<{ code: number; output: string }> {
  const stdout = new PassThrough();
  let output = '';
  stdout.on('data', (data: Buffer) => {
    output += data.toString('utf8');
  });
  const code = await runDeidentify(Readable.from(chunks), stdout);
  return { code, output };
}

describe('involve deidentify', () => {
  it('prints one JSON object with the spans found in stdin', async () => {
    const { code, output } = await run(['Sister Jones on Ward 7 gave me her NHS number, 943 476 5919.\n']);
    expect(code).toBe(0);
    expect(output.endsWith('\n')).toBe(true);
    expect(output.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(output)).toEqual({
      spans: [
        { start: 7, end: 12, kind: 'name', confidence: 0.9 },
        { start: 47, end: 59, kind: 'nhs_number', confidence: 0.99 },
      ],
    });
  });

  it('counts offsets in UTF-16 code units, even when a character is split between chunks', async () => {
    const text = '😀 crème brûlée: Dr Patel';
    const bytes = Buffer.from(text, 'utf8');
    // Split inside the emoji's four bytes and inside "è" (bytes 7 and 8).
    const { output } = await run([bytes.subarray(0, 2), bytes.subarray(2, 8), bytes.subarray(8)]);
    const [span] = JSON.parse(output).spans;
    expect(span).toEqual({ start: text.indexOf('Patel'), end: text.length, kind: 'name', confidence: 0.9 });
  });

  it('prints an empty list for empty input', async () => {
    expect(JSON.parse((await run([])).output)).toEqual({ spans: [] });
  });
});
