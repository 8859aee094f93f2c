/**
 * Finding the anchor patterns of labels.ts in a label in one pass. Labels are matched for every
 * value group of every report, so the patterns are compiled once: plain words (almost all of
 * them) are indexed by their first character and found in one scan of the label; the few real
 * regexes run only when the label holds a word every match of theirs must contain.
 *
 * The result is what a global-regex scan of each pattern gives: for each key, the end of its
 * last match (-1 when none).
 */

interface Word {
  word: string;
  key: number;
}

interface RegexAnchor {
  key: number;
  /** A word every match contains (skip the regex when the label lacks it). */
  required: string | undefined;
  global: RegExp;
}

/** An anchor table ready for `lastMatchEnds`. */
export interface CompiledAnchors {
  keys: string[];
  /** Plain words by the char code they start with. */
  words: Map<number, Word[]>;
  regexes: RegexAnchor[];
  /** Matches of labels seen before: reports print the template's labels over and over. */
  memo: Map<string, readonly KeyEnd[]>;
}

/** A key found in a label and the end of its last match. */
export interface KeyEnd {
  key: string;
  end: number;
}

/** Bounds of the memo: labels longer than this are not kept, and it is emptied when this full. */
const MEMO_LABEL_LENGTH = 120;
const MEMO_ENTRIES = 4096;

const META = /[\\^$.*+?()[\]{}|]/;

/** True when a proper prefix of `w` is also its suffix: a regex scan would skip overlapping occurrences. */
function selfOverlapping(w: string): boolean {
  for (let k = 1; k < w.length; k++) if (w.startsWith(w.slice(k))) return true;
  return false;
}

/**
 * The longest run of plain characters that every match of a regex source must contain, read off
 * its top level: escapes, classes, groups and anchors end a run, a quantified character is left
 * out, and a top-level alternation means there is none.
 *
 * @example requiredWord('3[.、]?其他(?!法律|结果)') → '其他'
 */
export function requiredWord(source: string): string | undefined {
  const runs: string[] = [];
  let run = '';
  const close = (): void => {
    if (run !== '') runs.push(run);
    run = '';
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '|') return undefined;
    if (ch === '\\') {
      close();
      i++;
    } else if (ch === '[') {
      close();
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
    } else if (ch === '(') {
      close();
      for (let depth = 1; depth > 0 && ++i < source.length;) {
        if (source[i] === '\\') i++;
        else if (source[i] === '(') depth++;
        else if (source[i] === ')') depth--;
      }
    } else if (ch === '?' || ch === '*' || ch === '{') {
      // The quantified atom is optional: drop it if it was a plain character.
      run = run.slice(0, -1);
      close();
      if (ch === '{') while (i < source.length && source[i] !== '}') i++;
    } else if (ch === '+' || ch === '^' || ch === '$' || ch === '.') {
      close();
    } else {
      run += ch;
    }
  }
  close();
  return runs.reduce<string | undefined>((best, r) => (best === undefined || r.length > best.length ? r : best), undefined);
}

/** Compiles an anchor table (key → patterns); keys keep the table's order. */
export function compileAnchors(anchors: Readonly<Record<string, readonly RegExp[]>>): CompiledAnchors {
  const compiled: CompiledAnchors = { keys: [], words: new Map(), regexes: [], memo: new Map() };
  for (const [key, patterns] of Object.entries(anchors)) {
    const k = compiled.keys.push(key) - 1;
    for (const p of patterns) {
      const plain = p.flags === '' && p.source !== '' && !META.test(p.source) && !selfOverlapping(p.source);
      if (plain) {
        const first = p.source.charCodeAt(0);
        const list = compiled.words.get(first) ?? [];
        list.push({ word: p.source, key: k });
        compiled.words.set(first, list);
      } else {
        compiled.regexes.push({ key: k, required: p.flags === '' ? requiredWord(p.source) : undefined, global: new RegExp(p.source, p.flags.includes('g') ? p.flags : `${p.flags}g`) });
      }
    }
  }
  return compiled;
}

/** For each key of `c` (in order), the end of its last match in `label`, or -1. */
export function lastMatchEnds(c: CompiledAnchors, label: string): number[] {
  const ends: number[] = new Array<number>(c.keys.length).fill(-1);
  for (let i = 0; i < label.length; i++) {
    const list = c.words.get(label.charCodeAt(i));
    if (list === undefined) continue;
    for (const w of list) {
      const end = i + w.word.length;
      if (end > ends[w.key]! && label.startsWith(w.word, i)) ends[w.key] = end;
    }
  }
  for (const r of c.regexes) {
    if (r.required !== undefined && !label.includes(r.required)) continue;
    const re = r.global;
    re.lastIndex = 0;
    for (let m = re.exec(label); m !== null; m = re.exec(label)) {
      ends[r.key] = Math.max(ends[r.key]!, m.index + m[0].length);
      if (m[0] === '') re.lastIndex++;
    }
  }
  return ends;
}

/**
 * The keys found in `label` with their match ends, ordered by end (keys ending at the same place
 * keep the table's order). The list is shared through the memo: callers must not change it.
 */
export function labelMatches(c: CompiledAnchors, label: string): readonly KeyEnd[] {
  const known = c.memo.get(label);
  if (known !== undefined) return known;
  const ends = lastMatchEnds(c, label);
  const found: KeyEnd[] = [];
  for (let k = 0; k < ends.length; k++) if (ends[k]! >= 0) found.push({ key: c.keys[k]!, end: ends[k]! });
  if (found.length > 1) found.sort((a, b) => a.end - b.end);
  if (label.length <= MEMO_LABEL_LENGTH) {
    if (c.memo.size >= MEMO_ENTRIES) c.memo.clear();
    c.memo.set(label, found);
  }
  return found;
}
