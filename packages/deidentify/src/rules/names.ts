// Personal names, by hand-written rules over the words of the text (lists in nameLists.ts):
// 1. after a title: "Dr Patel", "Sister Jones on Ward 7" (the name, not the ward), "Mrs D. Ambrose",
//    "Dr S Mahmood", "Dr van der Merwe", "Baby Harrison", and in lower case "dr patel" — confidence 0.9;
// 2. after a relation or a staff role, or "called"/"named": "my husband John", "the receptionist, Karen,",
//    "a nurse called Sarah", "community nurse Aoife", "my daughter chloe" (a known first name) — 0.85;
//    after a thank-you or a request: "Thanks to Hollie", "Contact Rahima", "especially Kofi" — 0.8;
// 3. when someone gives a name: "my name is …", "I, Amanda Collins, …", "I'm Bronagh and …",
//    "Name: …", "Patient: …", and a signature after "Kind regards," at the end of a line — 0.7–0.85;
// 4. a known first name, with the capitalised words after it: "Joan Barraclough", "Ahmed at the chemist" —
//    0.9 with a surname, 0.8 alone; first names that are also words ("Grace", "May", "Will") count only
//    under rules 1–3 or with a surname after them;
// 5. a capitalised word before a known surname: "Zain Akhtar" — 0.7;
// and names listed next to a name found by any rule: "Steve and Lauren", "Hollie, Abdi and the team",
// "Maggie and Tom".
// A span covers the name only (not the title, not "'s"). Never names: wards, wings, hospitals, streets and
// houses named after people ("Florence Nightingale Ward", "the John Radcliffe", "St James's", "Queen
// Elizabeth Hospital", "at Jimmy's"), charities ("Macmillan nurses", "Marie Curie", "Age UK"), places,
// drugs, services, days and months. On text the rules had not seen, about 0.85–0.9 of names were found
// (see quality/labelledSet.ts): the lists cannot hold every name, and a name with no title, relation or
// known first name next to it ("Nikita in the plaster room") is missed.
import type { IdentifierSpan } from '../types.js';
import {
  ambiguousFirstNames,
  commonWords,
  drugNames,
  firstNames,
  placePrefixes,
  placeSuffixes,
  relationWords,
  roleWords,
  serviceAndPlaceWords,
  surnames,
  titles,
} from './nameLists.js';

interface Token {
  start: number;
  /** End of the core (a possessive's "'s" is left out of a name). */
  end: number;
  /** End of the whole token. */
  rawEnd: number;
  /** The word without a possessive "'s" or trailing apostrophe; punctuation tokens are themselves. */
  core: string;
  /** core in lower case. */
  lower: string;
  isWord: boolean;
  possessive: boolean;
}

// Words (with inner apostrophes and hyphens: O'Connor, Nwosu-Brown), numbers, or one punctuation mark.
const tokenPattern = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*['’]?|\p{N}+|[^\s\p{L}\p{M}\p{N}]/gu;
const possessivePattern = /(?:['’]s|['’])$/u;
// Generic drug-name endings (ramipril, bisoprolol, atorvastatin, omeprazole, …), for words of 7+ letters.
const drugEnding =
  /(?:pril|olol|statin|azole|sartan|apine|oxetine|triptyline|cillin|mycin|cycline|oxacin|tidine|gliptin|gliflozin|parin|xaban|zepam|idone|afil|dronate|lukast|triptan|semide|thiazide|olone|asone|umab|inib|profen|codamol|morph)$/;
// Small words inside a name: "van der Merwe", "bin Hamad", and the Irish "Ó Briain", "Ní Bhriain".
const particles = new Set('van der den von da di del della de la le du bin binti al el ap ibn Ó Ní Nic Ua Mac'.split(' '));
const callWords = new Set(['called', 'named']);
// Thank-yous and requests that are followed by a name: "Thanks to Hollie, Abdi and the team", "Contact Rahima".
const thanksPhrases = `
  thank you to
  thank you
  thanks to
  thanks
  shoutout to
  shout out to
  credit to
  grateful to
  especially
  particularly
  ask for
  contact
  spoke to
  speak to
  talk to
  well done
`
  .trim()
  .split('\n')
  .map((phrase) => phrase.trim().split(' '));
// Titles that are also written in lower case ("dr patel"); "nurse", "sister" in lower case are roles.
const shortTitles = new Set(['dr', 'mr', 'mrs', 'ms', 'prof', 'sr']);
// Lower-case words that follow a lower-case title without being a name ("the dr said", "dr told me").
const everydayWords = new Set('said says told asked thinks thought wrote rang called saw gave appointment surgery letter'.split(' '));
// "my dr appointment": after these a lower-case "dr" is the word doctor, not a title.
const determiners = new Set(['my', 'the', 'a', 'your', 'our', 'his', 'her', 'their', 'this', 'that']);
const signOffs = new Set(['signed', 'regards', 'thanks', 'wishes', 'love', 'sincerely', 'faithfully']);
// "I'm Diabetic", "I'm Autistic", "I'm Disabled": adjectives, not names.
const notAName = /(?:ic|al|ed|ive|ous|ful|less|ish|ese|able|ible|ent|ant|ary|ory|ist)$/;
const placePrepositions = new Set(['at', 'to', 'from', 'in', 'into']);
const labelWords = new Set(['name', 'patient', 'contact', 'signed', 'parent', 'author', 'from', 'client']);
const monthsThatAreNames = new Set(['may', 'june', 'april', 'august']);

function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(tokenPattern)) {
    const raw = match[0];
    const isWord = /^[\p{L}\p{M}]/u.test(raw);
    const possessive = isWord && raw.length > 2 && possessivePattern.test(raw);
    const core = possessive ? raw.replace(possessivePattern, '') : raw;
    tokens.push({ start: match.index, end: match.index + core.length, rawEnd: match.index + raw.length, core, lower: core.toLowerCase(), isWord, possessive });
  }
  return tokens;
}

type RunMode = 'strict' | 'afterTrigger' | 'afterTitle';

interface Run {
  start: number;
  end: number;
  words: number;
  /** The last token taken, for what follows the name. */
  lastToken: number;
  lowerCase?: boolean;
}

class NameFinder {
  private readonly tokens: Token[];
  readonly found: IdentifierSpan[] = [];

  constructor(private readonly text: string) {
    this.tokens = tokenise(text);
  }

  run(): IdentifierSpan[] {
    for (let i = 0; i < this.tokens.length; i++) {
      const token = this.tokens[i] as Token;
      if (!token.isWord) continue;
      this.fromTrigger(i);
      this.fromSelfIntroduction(i);
      this.fromFirstName(i);
      this.fromSurname(i);
    }
    return this.found;
  }

  // ---- The rules ----------------------------------------------------------------------------

  /** Rules 1 and 2: a title, relation, role, "called"/"named" or a thank-you, then the name. */
  private fromTrigger(i: number): void {
    const token = this.at(i);
    if (!token || token.possessive) return;
    const isTitle = this.isTitle(token);
    if (isTitle) {
      // "Dr. Fitzgerald": the full stop after an abbreviated title. "dr patel": a lower-case name after it.
      const from = this.at(i + 1)?.core === '.' ? i + 2 : i + 1;
      this.nameAfter(from, 'afterTitle', 0.9, 'anyWord');
      return;
    }
    if (relationWords.has(token.lower) || roleWords.has(token.lower) || callWords.has(token.lower) || this.isInLaw(i)) {
      this.nameAfter(i + 1, 'afterTrigger', 0.85, 'knownFirstName');
      return;
    }
    const afterThanks = this.afterPhrase(i, thanksPhrases);
    if (afterThanks !== null) this.nameAfter(afterThanks, 'afterTrigger', 0.8, 'none');
  }

  /** "Dr", "Nurse", "Sister"… capitalised; the short ones ("dr", "mr", "sr") in lower case too. */
  private isTitle(token: Token): boolean {
    return titles.has(token.lower) && (isCapitalised(token.core) || (token.core === token.lower && shortTitles.has(token.lower)));
  }

  /** "mother in law, Dorothy" and "mother-in-law, Nora": a relation word in law. */
  private isInLaw(i: number): boolean {
    const token = this.at(i) as Token;
    if (token.lower.endsWith('-in-law')) return relationWords.has(token.lower.slice(0, -'-in-law'.length));
    return token.lower === 'law' && this.at(i - 1)?.lower === 'in' && relationWords.has(this.at(i - 2)?.lower ?? '');
  }

  /** The token index after one of `phrases` starting at token i, or null. */
  private afterPhrase(i: number, phrases: readonly string[][]): number | null {
    for (const phrase of phrases) {
      if (phrase.every((word, k) => this.at(i + k)?.lower === word && (k === 0 || this.gap(i + k - 1, i + k) === ' '))) return i + phrase.length;
    }
    return null;
  }

  /** Rule 3: someone gives a name. */
  private fromSelfIntroduction(i: number): void {
    const token = this.at(i) as Token;
    const next = this.at(i + 1);
    if (!next) return;
    if (labelWords.has(token.lower) && (next.core === ':' || (token.lower === 'name' && next.lower === 'is'))) {
      this.nameAfter(i + 2, 'afterTrigger', 0.85, 'none');
    } else if (signOffs.has(token.lower) && next.core === ',' && this.endsLineOrText(i + 2)) {
      // "Signed, P. Greenwood (Mrs)", "Kind regards, Sue Ellis" at the end of a text or a line.
      this.nameAfter(i + 2, 'afterTrigger', 0.8, 'none');
    } else if (token.core === 'I' && (next.core === ',' || next.core === '(')) {
      // "I, Amanda Collins, give permission"; "I (Mark Jennings) was treated": two words, or a known first name.
      const run = this.takeRun(i + 2, 'afterTrigger');
      if (run && (run.words > 1 || this.isKnownFirstName(this.at(i + 2) as Token))) this.add(run, 0.85);
    } else if ((token.core === 'I' && next.lower === 'am') || token.lower === "i'm" || token.lower === 'i’m') {
      const at = token.core === 'I' ? i + 2 : i + 1;
      const first = this.at(at);
      if (!first) return;
      if (this.isKnownFirstName(first)) {
        const run = this.takeRun(at, 'strict', true);
        if (run) this.add(run, 0.85);
        return;
      }
      // "I'm Bronagh and I have MS": an unknown capitalised word, alone before "and" or punctuation.
      const run = this.takeRun(at, 'afterTrigger');
      if (run?.words !== 1 || notAName.test(first.lower) || ['deaf', 'blind', 'sorry', 'fine', 'glad', 'home', 'back'].includes(first.lower)) return;
      const after = this.at(run.lastToken + 1);
      if (!after || after.lower === 'and' || /^[,.;!?)]$/.test(after.core)) this.add(run, 0.7);
    } else if (token.lower === 'me' && next.core === ',') {
      // "ask for me, Shauna, on …"
      const run = this.takeRun(i + 2, 'afterTrigger');
      if (run) this.add(run, 0.8);
    }
  }

  /** True when the name starting at token i is the last thing on its line (a signature). */
  private endsLineOrText(i: number): boolean {
    const run = this.takeRun(i, 'afterTrigger');
    if (!run) return false;
    const rest = this.text.slice(run.end).replace(/^['’]s/, '');
    return /^\s*(?:\([^)\n]*\))?\s*(?:\n|$)/.test(rest);
  }

  /** Rule 4: a known first name, and any capitalised words after it. */
  private fromFirstName(i: number): void {
    const token = this.at(i) as Token;
    if (!isCapitalised(token.core) || this.followsPlacePrefix(i)) return;
    const firstPart = token.lower.split('-')[0] ?? '';
    const ambiguous = ambiguousFirstNames.has(token.lower);
    if (!ambiguous && !firstNames.has(token.lower) && !firstNames.has(firstPart)) return;
    const run = this.takeRun(i, 'strict', ambiguous);
    if (!run) return;
    if (ambiguous && run.words < 2) return;
    this.add(run, ambiguous ? 0.75 : run.words > 1 ? 0.9 : 0.8);
    this.listedAfter(run.lastToken, 0.75);
    this.listedBefore(i, 0.75);
  }

  /** Rule 5: an unknown capitalised word before a known surname, not at the start of a sentence. */
  private fromSurname(i: number): void {
    const token = this.at(i) as Token;
    const next = this.at(i + 1);
    const previous = this.at(i - 1);
    if (!next || !previous || !isCapitalised(token.core) || !isCapitalised(next.core) || !surnames.has(next.lower)) return;
    if (placePrefixes.has(token.lower)) return; // "St James's", "King Edward"
    if (this.gap(i, i + 1) !== ' ' || /^[.!?"“]$/.test(previous.core) || this.followsPlacePrefix(i)) return;
    const run = this.takeRun(i, 'strict');
    if (run && run.words > 1) this.add(run, 0.7);
  }

  // ---- Shared steps -------------------------------------------------------------------------

  /**
   * After a trigger: skips a comma or bracket, more role words ("nurse practitioner"), "called", "known
   * as" and a title, then takes the name, and the names listed after it ("Steve and Lauren", "Hollie,
   * Abdi and the team"). `lowerCase` says which lower-case words may still be a name here: any word
   * after a title ("dr patel"), a known first name after a relation ("my son jack"), or none.
   */
  private nameAfter(from: number, mode: RunMode, confidence: number, lowerCase: 'anyWord' | 'knownFirstName' | 'none'): void {
    let j = from;
    let currentMode = mode;
    let currentLowerCase = lowerCase;
    let punctuation = 0;
    for (let steps = 0; steps < 6; steps++) {
      const token = this.at(j);
      if (!token) return;
      if (!token.isWord) {
        const skippable = token.core === ',' || token.core === '(' || token.core === ':' || token.core === '-' || token.core === '–';
        // "Mr & Mrs Patel"
        if ((skippable && punctuation++ < 2) || (token.core === '&' && currentMode === 'afterTitle')) {
          j++;
          continue;
        }
        return;
      }
      if (token.possessive) return;
      if (this.isTitle(token)) {
        currentMode = 'afterTitle';
        currentLowerCase = 'anyWord';
        j += this.at(j + 1)?.core === '.' ? 2 : 1;
        continue;
      }
      if (
        roleWords.has(token.lower) ||
        relationWords.has(token.lower) ||
        callWords.has(token.lower) ||
        (currentMode === 'afterTitle' && (token.lower === 'and' || token.core === '&'))
      ) {
        j++;
        continue;
      }
      if (token.lower === 'known' && this.at(j + 1)?.lower === 'as') {
        j += 2;
        continue;
      }
      break;
    }
    const run = this.takeRun(j, currentMode) ?? this.lowerCaseName(j, currentLowerCase);
    if (!run) return;
    this.add(run, run.lowerCase ? 0.75 : confidence);
    this.listedAfter(run.lastToken, confidence);
  }

  /** A lower-case name where one is allowed: "dr patel", "dr sarah jones", "the practice nurse sandra". */
  private lowerCaseName(j: number, allowed: 'anyWord' | 'knownFirstName' | 'none'): Run | null {
    const token = this.at(j);
    if (allowed === 'none' || !token?.isWord || token.core !== token.lower || token.core.length < 2) return null;
    const isFirstName = firstNames.has(token.lower);
    if (allowed === 'knownFirstName' && !isFirstName) return null;
    const before = this.at(j - 1);
    if (before && shortTitles.has(before.core) && determiners.has(this.at(j - 2)?.lower ?? '')) return null;
    if (!isFirstName && (commonWords.has(token.lower) || serviceAndPlaceWords.has(token.lower) || isRoleOrTitle(token.lower) || everydayWords.has(token.lower)))
      return null;
    let last = j;
    const next = this.at(j + 1);
    // "dr sarah jones": a known first name and the word after it.
    if (
      allowed === 'anyWord' &&
      isFirstName &&
      next?.isWord &&
      next.core === next.lower &&
      this.gap(j, j + 1) === ' ' &&
      !commonWords.has(next.lower) &&
      !everydayWords.has(next.lower)
    )
      last = j + 1;
    return { start: token.start, end: (this.at(last) as Token).end, words: last - j + 1, lastToken: last, lowerCase: true };
  }

  /** A name listed just before a known name: "Maggie and Tom", "Bev, Julie and Sam". */
  private listedBefore(first: number, confidence: number): void {
    const separator = this.at(first - 1);
    if (separator?.lower !== 'and' && separator?.core !== ',') return;
    const candidate = this.at(first - 2);
    if (!candidate?.isWord || this.followsPlacePrefix(first - 2)) return;
    const run = this.takeRun(first - 2, 'afterTrigger');
    if (run && run.lastToken === first - 2 && (separator.core === ',' || this.gap(first - 2, first - 1) === ' ')) this.add(run, confidence);
  }

  /** Names listed after a name: ", Abdi", " and Lauren", up to five more. */
  private listedAfter(lastToken: number, confidence: number): void {
    let at = lastToken;
    for (let listed = 0; listed < 5; listed++) {
      const separator = this.at(at + 1);
      if (!separator || (separator.core !== ',' && separator.lower !== 'and')) return;
      let next = at + 2;
      if (separator.core === ',' && this.at(next)?.lower === 'and') next++;
      const run = this.takeRun(next, 'afterTrigger');
      if (!run) return;
      this.add(run, confidence);
      at = run.lastToken;
    }
  }

  /**
   * The name words from token i on: capitalised words that are not places, services, drugs or sentence
   * words; initials ("D."); particles inside a name ("van der"). Null when there is none, or when the
   * words go on to name a place ("Florence Nightingale Ward").
   */
  private takeRun(i: number, mode: RunMode, allowAmbiguousStart = false): Run | null {
    let j = i;
    let words = 0;
    let last = -1; // the last name word
    let previous = -1; // the last token taken (a name word, a particle or an initial's full stop)
    while (words < 4) {
      const token = this.at(j);
      if (!token?.isWord) break;
      if (previous >= 0 && !this.joinsName(previous, j)) break;
      if (particles.has(token.core) && this.isParticleBeforeName(j)) {
        previous = j;
        j++;
        continue;
      }
      const bareInitial = mode === 'afterTitle' && words === 0 && /^\p{Lu}$/u.test(token.core) && this.at(j + 1)?.isWord && this.gap(j, j + 1) === ' ';
      if (bareInitial) {
        // "Dr S Mahmood": an initial without its full stop, straight after a title.
        last = j;
        previous = j;
        words++;
        j++;
        continue;
      }
      if (/^\p{Lu}$/u.test(token.core) && this.at(j + 1)?.core === '.' && this.at(j + 2)?.isWord) {
        // An initial and its full stop: "Mrs D. Ambrose".
        last = j;
        previous = j + 1;
        words++;
        j += 2;
        continue;
      }
      if (!this.isNameWord(j, words, mode, allowAmbiguousStart)) break;
      last = j;
      previous = j;
      words++;
      j++;
      if (token.possessive) break;
    }
    if (words === 0 || last < 0) return null;
    // An initial alone is not a name; the run must not be the start of a place ("John Radcliffe Hospital").
    if (words === 1 && previous !== last) return null;
    const after = this.at(previous + 1);
    if (after?.isWord && this.gap(previous, previous + 1) === ' ') {
      // "Florence Nightingale Ward", "Macmillan nurses", "Age UK", "Marie Curie": a place or an organisation.
      if (placeSuffixes.has(after.lower) || roleWords.has(after.lower) || after.core === 'UK') return null;
      if (isCapitalised(after.core) && serviceAndPlaceWords.has(after.lower)) return null;
    }
    if (this.isNicknamedPlace(i, last)) return null;
    const firstToken = this.at(i) as Token;
    return { start: firstToken.start, end: (this.at(last) as Token).end, words, lastToken: previous };
  }

  private isNameWord(j: number, position: number, mode: RunMode, allowAmbiguousStart: boolean): boolean {
    const token = this.at(j) as Token;
    const word = token.lower;
    if (!isCapitalised(token.core)) return false;
    if (titles.has(word) || relationWords.has(word) || roleWords.has(word)) return false;
    if (drugNames.has(word) || (word.length >= 7 && drugEnding.test(word))) return false;
    const next = this.at(j + 1);
    const nextIsNumber = next !== undefined && /^\p{N}/u.test(next.core) && this.gap(j, j + 1) === ' ';
    if (commonWords.has(word)) {
      // "my mum May is 92", "Elsie May Turner": a month as a name, never before a number.
      if (!monthsThatAreNames.has(word) || nextIsNumber) return false;
      const inTrigger = mode !== 'strict' && position === 0;
      const inMiddle = position > 0 && next !== undefined && this.joinsName(j, j + 1) && isCapitalised(next.core) && !commonWords.has(next.lower);
      if (!inTrigger && !inMiddle) return false;
    }
    if (serviceAndPlaceWords.has(word) && !(mode === 'afterTitle' && position === 0 && !nextIsNumber)) return false;
    // "Ward 7", "Bay 3", "Clinic 3": a capitalised word before a number is a place unless it is a known name.
    if (nextIsNumber && !firstNames.has(word) && !surnames.has(word)) return false;
    if (position === 0 && mode === 'strict' && ambiguousFirstNames.has(word) && !allowAmbiguousStart) return false;
    return true;
  }

  /** "a nurse at Jimmy's and …", "born at Tommy's.": one possessive name after at/to/from/in, then nothing it owns. */
  private isNicknamedPlace(first: number, last: number): boolean {
    const token = this.at(last) as Token;
    if (first !== last || !token.possessive || !placePrepositions.has(this.at(first - 1)?.lower ?? '')) return false;
    const next = this.at(last + 1);
    return !next?.isWord || commonWords.has(next.lower);
  }

  private isParticleBeforeName(j: number): boolean {
    for (let k = j + 1; k <= j + 2; k++) {
      const token = this.at(k);
      if (!token?.isWord) return false;
      if (isCapitalised(token.core)) return true;
      if (!particles.has(token.core)) return false;
    }
    return false;
  }

  /** Two words belong to one name when only a space (or an initial's full stop and a space) is between them. */
  private joinsName(previous: number, next: number): boolean {
    const gap = this.gap(previous, next);
    return gap === ' ' || (gap === '' && this.at(previous)?.core === '.');
  }

  private isKnownFirstName(token: Token): boolean {
    return firstNames.has(token.lower) || ambiguousFirstNames.has(token.lower);
  }

  private followsPlacePrefix(i: number): boolean {
    const previous = this.at(i - 1);
    if (!previous) return false;
    if (previous.core === '.' && this.at(i - 2)?.lower === 'st') return true;
    return previous.isWord && placePrefixes.has(previous.lower) && this.gap(i - 1, i) === ' ';
  }

  private gap(a: number, b: number): string {
    const first = this.at(a);
    const second = this.at(b);
    if (!first || !second) return '';
    return this.text.slice(first.rawEnd, second.start);
  }

  private at(i: number): Token | undefined {
    return i >= 0 ? this.tokens[i] : undefined;
  }

  private add(run: { start: number; end: number }, confidence: number): void {
    this.found.push({ start: run.start, end: run.end, kind: 'name', confidence });
  }
}

function isRoleOrTitle(word: string): boolean {
  return titles.has(word) || relationWords.has(word) || roleWords.has(word);
}

function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word) && /\p{Ll}/u.test(word);
}

export function findNames(text: string): IdentifierSpan[] {
  return new NameFinder(text).run();
}
