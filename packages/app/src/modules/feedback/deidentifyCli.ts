// `involve deidentify`: reads text on stdin and prints the identifiers found in it as one JSON object,
// {"spans": [{"start": 0, "end": 9, "kind": "name", "confidence": 0.9}]}, offsets in UTF-16 code units
// of the input as JavaScript strings count them. Exit code 0.
import { findIdentifiers } from '@involve/deidentify';

export async function runDeidentify(stdin: NodeJS.ReadableStream, stdout: NodeJS.WritableStream): Promise<number> {
  // Gather bytes first and decode once, so a character split between two chunks stays whole.
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  const spans = findIdentifiers(text).map(({ start, end, kind, confidence }) => ({ start, end, kind, confidence }));
  await new Promise<void>((resolve, reject) => {
    stdout.write(`${JSON.stringify({ spans })}\n`, (error) => (error ? reject(error) : resolve()));
  });
  return 0;
}
