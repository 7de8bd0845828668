// The text of the benchmarks' stories (bench:stories, bench:pages): sentences picked in SQL by the
// story number i, so the text varies and a search term matches some stories but not most.
import { type RawBuilder, sql } from 'kysely';

const sentences = [
  'I waited hours in the emergency department before anyone saw me.',
  'The nurse was kind and explained everything clearly.',
  'Parking was impossible and I nearly missed my appointment.',
  'My appointment was cancelled twice without any explanation.',
  'The receptionist was rude when I asked for help.',
  'Discharge took all day because the medicines were not ready.',
  'The doctor listened to me and took my worries seriously.',
  'The ward was clean and quiet at night.',
  'Nobody told us what was happening with my mother.',
  'The food was cold and there was no choice for my diet.',
  'The physiotherapist helped me walk again after my operation.',
  'I could not get through on the phone for three days.',
  'Staff treated my father with dignity and respect.',
  'The waiting room was crowded and there was nowhere to sit.',
  'The pharmacy got my prescription wrong.',
  'The midwife stayed with us all night and we felt safe.',
];

/** A SQL expression for sentence number (i × step + offset), over the series variable `i`. */
export function sentencePicked(offset: number, step: number): RawBuilder<unknown> {
  return sql.raw(`(array[${sentences.map((s) => `'${s.replace(/'/g, "''")}'`).join(',')}])[1 + ((i * ${step} + ${offset}) % ${sentences.length})]`);
}
