/** The one-pass label matcher finds what a global-regex scan of each anchor pattern finds. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TABLE2_ANCHORS, TABLE3_ANCHORS } from './labels.ts';
import { compileAnchors, lastMatchEnds, requiredWord } from './label-match.ts';

/** The reference: each pattern scanned with a global regex, the end of its last match per key. */
function naive(anchors: Readonly<Record<string, readonly RegExp[]>>, label: string): number[] {
  return Object.values(anchors).map((patterns) => {
    let end = -1;
    for (const p of patterns) {
      const re = new RegExp(p.source, 'g');
      for (let m = re.exec(label); m !== null; m = re.exec(label)) {
        end = Math.max(end, m.index + m[0].length);
        if (m[0] === '') re.lastIndex++;
      }
    }
    return end;
  });
}

// Label text made of anchor words, their pieces and the characters around them in real labels.
const WORDS = [...Object.values(TABLE3_ANCHORS), ...Object.values(TABLE2_ANCHORS)].flatMap((ps) => ps.map((p) => p.source.replace(/[\\^$.*+?()[\]{}|]/g, '')));
const piece = fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom('其他', '总计', '3.', '3、', '七)', '(', '法律', '结果', '行政', '1', ''));
const label = fc.array(piece, { maxLength: 8, size: 'max' }).map((p) => p.join(''));

describe('lastMatchEnds', () => {
  it.each([['表三', TABLE3_ANCHORS], ['表二', TABLE2_ANCHORS]] as const)('%s anchors: same ends as a regex scan', (_, anchors) => {
    const compiled = compileAnchors(anchors);
    fc.assert(fc.property(label, (l) => {
      expect(lastMatchEnds(compiled, l)).toEqual(naive(anchors, l));
    }), { numRuns: 3000 });
  });
});

describe('requiredWord', () => {
  it.each([
    ['3[.、]?其他(?!法律|结果|组织)', '其他'], ['^总计$', '总计'], ['七\\)?总计', '总计'], ['ab?c', 'a'], ['a|b', undefined], ['(?:ab)cde', 'cde'],
  ])('%s → %s', (source, word) => {
    expect(requiredWord(source)).toBe(word);
  });
});
