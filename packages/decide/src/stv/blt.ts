// The BLT ballot format (Hill, Wichmann and Woodall's format, as used by ERS, OpenSTV and droop):
// reader and writer. The reader keeps the file as written (skipped and equal preferences, repeated
// candidates, withdrawn candidates) so that ballots.ts can apply the counting rules to it and report
// each case; a file it cannot read gets a BltSyntaxError naming the line and the problem.
//
//   9 4                      number of candidates, number of seats
//   -3                       optional: withdrawn candidates, as negative numbers
//   149 1 0                  ballot lines: weight (how many such papers), preferences, 0
//   2 1 2=5 - 4 0            "2=5": candidates 2 and 5 given the same preference; "-": a skipped preference
//   0                        end of the ballots
//   "Nina Baker"             one quoted name per candidate, in candidate-number order
//   "ANDERSTON-CITY"         the title (optional)
//
// Comments written /* like this */ are ignored (droop allows them). Inside a quoted name, a doubled
// quote ("") stands for one quote.

export interface BltBallot {
  /** How many identical papers this line stands for (a whole number, at least 1). */
  weight: number;
  /**
   * The preferences in order: preferences[k] lists the candidates (numbered from 1) given preference
   * k + 1. Usually one candidate; several for an equal preference ("2=5"); none for a skipped one ("-").
   */
  preferences: number[][];
  /** The line of the file this ballot came from (1-based), or 0 for ballots made in code. */
  line: number;
}

export interface BltElection {
  title: string;
  seats: number;
  /** Candidate names; candidate k (as numbered in the ballots) is candidates[k - 1]. */
  candidates: string[];
  /** Withdrawn candidates, by number (1-based). */
  withdrawn: number[];
  ballots: BltBallot[];
}

export class BltSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(line > 0 ? `Line ${line}: ${problem}` : problem);
    this.name = 'BltSyntaxError';
  }
}

interface Token {
  text: string;
  line: number;
  quoted: boolean;
}

// Blanks out comments (from "/*" to "*/", outside quoted text), keeping line breaks so that line numbers stay right.
function stripComments(text: string): string {
  let out = '';
  let i = 0;
  let line = 1;
  let inQuote = false;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '\n') {
      line++;
      inQuote = false;
      out += c;
      i++;
    } else if (c === '"') {
      inQuote = !inQuote;
      out += c;
      i++;
    } else if (!inQuote && c === '/' && text[i + 1] === '*') {
      const start = line;
      i += 2;
      out += '  ';
      while (i < text.length && !(text[i] === '*' && text[i + 1] === '/')) {
        if (text[i] === '\n') line++;
        out += text[i] === '\n' ? '\n' : ' ';
        i++;
      }
      if (i >= text.length) throw new BltSyntaxError(start, 'a comment opened with /* is never closed with */');
      out += '  ';
      i += 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Splits one line holding quoted text into tokens. */
function scanLine(text: string, line: number, tokens: Token[]): void {
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++;
    } else if (c === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new BltSyntaxError(line, `the quoted text "${value.slice(0, 40)}" has no closing quote on its line`);
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i];
        i++;
      }
      tokens.push({ text: value, line, quoted: true });
    } else {
      let word = '';
      while (i < text.length && !/\s/.test(text[i] as string) && text[i] !== '"') {
        word += text[i];
        i++;
      }
      tokens.push({ text: word, line, quoted: false });
    }
  }
}

/** Splits BLT text into tokens: bare words and quoted strings, each with its line; skips comments. */
function tokenize(source: string): Token[] {
  let text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  if (text.includes('/*')) text = stripComments(text);
  const tokens: Token[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.includes('"')) {
      scanLine(line, i + 1, tokens);
      continue;
    }
    for (const word of line.split(/\s+/)) if (word !== '') tokens.push({ text: word, line: i + 1, quoted: false });
  }
  return tokens;
}

const wholeNumber = /^\d+$/;

function describe(token: Token): string {
  return token.quoted ? `the quoted text "${token.text}"` : `"${token.text}"`;
}

/** Reads a BLT file. Throws BltSyntaxError (with the line) when the file is malformed. */
export function parseBlt(text: string): BltElection {
  const tokens = tokenize(text);
  let at = 0;
  const peek = (): Token | undefined => tokens[at];
  const lastLine = tokens.length > 0 ? (tokens[tokens.length - 1] as Token).line : 1;

  // Header: number of candidates and number of seats.
  const first = tokens[0];
  const second = tokens[1];
  if (!first) throw new BltSyntaxError(1, 'the file is empty; a BLT file starts with the number of candidates and the number of seats, e.g. "9 4"');
  if (first.quoted || !wholeNumber.test(first.text)) {
    throw new BltSyntaxError(first.line, `expected the number of candidates, found ${describe(first)}`);
  }
  if (!second || second.line !== first.line) {
    throw new BltSyntaxError(first.line, 'expected the number of candidates and the number of seats on the first line, e.g. "9 4"');
  }
  if (second.quoted || !wholeNumber.test(second.text)) {
    throw new BltSyntaxError(second.line, `expected the number of seats after the number of candidates, found ${describe(second)}`);
  }
  const candidateCount = Number(first.text);
  const seats = Number(second.text);
  if (candidateCount < 1) throw new BltSyntaxError(first.line, 'the number of candidates must be at least 1');
  if (seats < 1) throw new BltSyntaxError(second.line, 'the number of seats must be at least 1');
  if (!Number.isSafeInteger(candidateCount) || candidateCount > 100000) throw new BltSyntaxError(first.line, `${first.text} candidates is too many`);
  at = 2;

  // Withdrawn candidates: negative numbers, on the first line after the seats or on lines of their own.
  const withdrawn: number[] = [];
  let headerLine = first.line;
  for (;;) {
    const token = peek();
    if (!token || token.quoted || !token.text.startsWith('-') || token.text === '-') break;
    if (!/^-\d+$/.test(token.text))
      throw new BltSyntaxError(token.line, `expected a withdrawn candidate as a negative number (e.g. -3), found ${describe(token)}`);
    const id = -Number(token.text);
    if (id < 1 || id > candidateCount) {
      throw new BltSyntaxError(token.line, `withdrawn candidate ${token.text} does not exist: there are ${candidateCount} candidates`);
    }
    if (withdrawn.includes(id)) throw new BltSyntaxError(token.line, `candidate ${id} is withdrawn twice`);
    withdrawn.push(id);
    headerLine = token.line;
    at++;
  }
  const afterHeader = peek();
  if (afterHeader && afterHeader.line === headerLine) {
    const after = withdrawn.length > 0 ? 'the withdrawn candidates' : 'the number of seats';
    throw new BltSyntaxError(headerLine, `unexpected ${describe(afterHeader)} after ${after}; ballots start on the next line`);
  }

  // Ballot lines, each "weight preference … 0" on one line, until a line holding a lone 0.
  const ballots: BltBallot[] = [];
  let ended = false;
  while (at < tokens.length) {
    const lineNo = (tokens[at] as Token).line;
    const lineTokens: Token[] = [];
    while (at < tokens.length && (tokens[at] as Token).line === lineNo) lineTokens.push(tokens[at++] as Token);
    const head = lineTokens[0] as Token;
    if (head.quoted) {
      throw new BltSyntaxError(lineNo, `found the name ${describe(head)} before the end of the ballots: the ballots must end with a line holding a lone 0`);
    }
    if (!wholeNumber.test(head.text)) {
      if (/^\d*\.\d+$/.test(head.text)) throw new BltSyntaxError(lineNo, `the ballot weight ${head.text} is not a whole number`);
      throw new BltSyntaxError(lineNo, `expected a ballot line starting with its weight (a whole number), found ${describe(head)}`);
    }
    const weight = Number(head.text);
    if (weight === 0) {
      if (lineTokens.length > 1) {
        throw new BltSyntaxError(lineNo, 'a ballot line cannot have weight 0 (a lone 0 ends the ballots; nothing may follow it on its line)');
      }
      ended = true;
      break;
    }
    if (!Number.isSafeInteger(weight)) throw new BltSyntaxError(lineNo, `the ballot weight ${head.text} is too large`);
    const preferences: number[][] = [];
    let closed = false;
    for (let k = 1; k < lineTokens.length; k++) {
      const token = lineTokens[k] as Token;
      if (closed) throw new BltSyntaxError(lineNo, `unexpected ${describe(token)} after the 0 that ends the ballot`);
      if (token.quoted) throw new BltSyntaxError(lineNo, `unexpected quoted text ${describe(token)} in a ballot line`);
      if (token.text === '0') {
        closed = true;
        continue;
      }
      if (token.text === '-') {
        preferences.push([]);
        continue;
      }
      const parts = token.text.split('=');
      const rank: number[] = [];
      for (const part of parts) {
        if (!wholeNumber.test(part)) {
          throw new BltSyntaxError(lineNo, `expected a candidate number, "-" (a skipped preference) or "a=b" (equal preferences), found ${describe(token)}`);
        }
        const id = Number(part);
        if (id < 1 || id > candidateCount) {
          throw new BltSyntaxError(
            lineNo,
            id === 0
              ? `candidate 0 inside "${token.text}": candidates are numbered from 1`
              : `candidate ${id} does not exist: there are ${candidateCount} candidates`,
          );
        }
        rank.push(id);
      }
      preferences.push(rank);
    }
    if (!closed) throw new BltSyntaxError(lineNo, 'the ballot line does not end with 0');
    ballots.push({ weight, preferences, line: lineNo });
  }
  if (!ended) throw new BltSyntaxError(lastLine, 'the file ends before the line holding a lone 0 that ends the ballots');

  // Candidate names, then the title.
  const candidates: string[] = [];
  while (candidates.length < candidateCount) {
    const token = peek();
    if (!token) {
      throw new BltSyntaxError(
        lastLine,
        `expected ${candidateCount} candidate names after the ballots, found ${candidates.length}${candidates.length === 0 ? '' : ` (the last is "${candidates[candidates.length - 1]}")`}`,
      );
    }
    if (!token.quoted) {
      throw new BltSyntaxError(token.line, `expected the name of candidate ${candidates.length + 1} in double quotes, found ${describe(token)}`);
    }
    candidates.push(token.text);
    at++;
  }
  let title = '';
  const titleToken = peek();
  if (titleToken) {
    if (!titleToken.quoted)
      throw new BltSyntaxError(titleToken.line, `expected the title in double quotes after the candidate names, found ${describe(titleToken)}`);
    title = titleToken.text;
    at++;
  }
  const extra = peek();
  if (extra) {
    throw new BltSyntaxError(
      extra.line,
      `unexpected ${describe(extra)} after the title; the file declares ${candidateCount} candidates, so it should end after ${candidateCount} names and a title`,
    );
  }
  if (seats > candidateCount - withdrawn.length) {
    throw new BltSyntaxError(first.line, `${seats} seats but only ${candidateCount - withdrawn.length} candidates who are not withdrawn`);
  }
  return { title, seats, candidates, withdrawn, ballots };
}

function quote(text: string): string {
  if (text.includes('\n') || text.includes('\r')) throw new Error(`A BLT name or title cannot contain a line break: ${JSON.stringify(text)}`);
  return `"${text.replaceAll('"', '""')}"`;
}

/** Writes an election as BLT text (one ballot per line, ending with a newline). parseBlt reads it back unchanged. */
export function writeBlt(election: BltElection): string {
  const lines: string[] = [`${election.candidates.length} ${election.seats}`];
  if (election.withdrawn.length > 0) lines.push(election.withdrawn.map((id) => `-${id}`).join(' '));
  for (const ballot of election.ballots) {
    if (!Number.isSafeInteger(ballot.weight) || ballot.weight < 1)
      throw new Error(`A ballot weight must be a whole number of at least 1, not ${ballot.weight}`);
    const ranks = ballot.preferences.map((rank) => (rank.length === 0 ? '-' : rank.join('=')));
    lines.push([String(ballot.weight), ...ranks, '0'].join(' '));
  }
  lines.push('0');
  for (const name of election.candidates) lines.push(quote(name));
  lines.push(quote(election.title));
  return `${lines.join('\n')}\n`;
}
