/**
 * The HTML markup reader's scanner, in AssemblyScript, compiled to WebAssembly
 * (html-markup.wasm.ts; `npm run build:wasm`). Why WebAssembly: docs/DECISIONS.md. The rules it
 * applies are in html-markup.ts's module comment; that module loads this one, gives it the page's
 * bytes and tag names, and passes its events on to the line reader.
 *
 * Memory (byte offsets): the tag tables, then EVENTS, then the page's bytes at INPUT (a zero
 * byte after them, so that a look one past the end reads no name character), then the open
 * elements. Events are 4 × i32: OPEN (kind | skip << 2 | leaf << 3 | (id + 1) << 8, name start,
 * name end, attributes end), CLOSE, TEXT (kind | amp << 2, start, end). A full buffer is handed
 * to the host (`flush`) and reused.
 */

// Tag tables, filled by the host (html-markup.ts) before the first page.
/** Per tag id: flags (F_…), closedBy mask, opener bit, name offset, name length (5 × i32). */
const FACTS: usize = 1024;
const FACT_SIZE: usize = 20;
export const MAX_TAGS: i32 = 256;
/** Short-name hash table: SLOTS × (i64 packed name, i32 id + 1, pad). */
const SLOTS_AT: usize = FACTS + <usize>MAX_TAGS * FACT_SIZE;
const SLOTS: i32 = 1024;
/** The names of the known tags, lower case, one after another. */
export const NAMES_AT: usize = SLOTS_AT + <usize>SLOTS * 16;
export const NAMES_SIZE: usize = 4096;
export const EVENTS: usize = NAMES_AT + NAMES_SIZE;
const EVENT_CAPACITY: i32 = 4096;
/** Per byte: the lower-case character when it may be in a tag name ([A-Za-z0-9:._-]), else 0. */
const NAME_CHARS: usize = EVENTS + <usize>EVENT_CAPACITY * 16;
/** Where the page's bytes go. */
export const INPUT: usize = NAME_CHARS + 256;

for (let c = 0; c < 256; c++) {
  const isName = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x3a) || c == 0x2d || c == 0x2e || c == 0x5f;
  store<u8>(NAME_CHARS + <usize>c, isName ? (c >= 0x41 && c <= 0x5a ? c | 0x20 : c) : 0);
}

// A tag's facts (html-tags.ts's TagFacts) as bits; the host reads these exports to encode them.
export const F_SKIPPED: i32 = 1;
export const F_VOID: i32 = 2;
export const F_INLINE: i32 = 4;
export const F_TABLE_CONTAINER: i32 = 8;
export const F_TABLE_PART: i32 = 16;
export const F_SCOPE_BOUNDARY: i32 = 32;
export const F_CELL: i32 = 64;
export const F_TABLE: i32 = 128;
export const F_RAW: i32 = 256;

/** Names of up to this many characters are looked up by their characters packed 7 bits each. */
const SHORT_NAME: i32 = 9;

// Event kinds (the low two bits of an event's first word; the host reads these exports).
export const OPEN: i32 = 1;
export const CLOSE: i32 = 2;
export const TEXT: i32 = 3;

// Open elements' scope bits (html-markup.ts's IN_CELL, IN_SKIP, IN_TABLE).
const IN_CELL: i32 = 1;
const IN_SKIP: i32 = 2;
const IN_TABLE: i32 = 4;
/** How far down the open elements an end tag looks for its element (hostile nesting stays linear). */
const MAX_CLOSE_SEARCH: i32 = 128;
/** An open element: id (-1: a name not known), scope, flags, name start (in the page), name length. */
const ENTRY: usize = 20;
const NONE: i32 = 0x7fffffff;

/** The attributes at html[nameEnd, attrEnd) hide their element (html-text.ts's hiddenBy). */
@external('markup', 'hidden')
declare function hidden(nameEnd: i32, attrEnd: i32): i32;
/** Hands `count` events at EVENTS to the host. */
@external('markup', 'flush')
declare function flush(count: i32): void;

let len: i32 = 0;
let events: i32 = 0;
let nextAmpersand: i32 = -1;
let noGreaterThanFrom: i32 = NONE;
let plainAttributes: bool = false;
let trackedInline: i32 = 0;
let tagCount: i32 = 0;
let tableId: i32 = -1;
// The open elements: a stack after the page's bytes; depth 1 is the root.
let stack: usize = 0;
let stackCapacity: i32 = 0;
let depth: i32 = 0;
let topId: i32 = -1;
let topScope: i32 = 0;
let topFlags: i32 = 0;
let topClosedBy: i32 = 0;
// What scanName and lookUp leave for their caller.
let scannedKey: u64 = 0;
let foundId: i32 = -1;
let foundFlags: i32 = 0;

// ---- Tables (the host calls these once) ----

/** Registers tag `id` (ids from 0, in order; its lower-case name's bytes already at NAMES_AT + nameAt). */
export function defineTag(id: i32, flags: i32, closedBy: i32, openerBit: i32, nameAt: i32, nameLength: i32): void {
  const at = FACTS + <usize>id * FACT_SIZE;
  store<i32>(at, flags);
  store<i32>(at, closedBy, 4);
  store<i32>(at, openerBit, 8);
  store<i32>(at, nameAt, 12);
  store<i32>(at, nameLength, 16);
  if (id + 1 > tagCount) tagCount = id + 1;
  if (flags & F_TABLE) tableId = id;
  if (nameLength > SHORT_NAME) return;
  let key: u64 = 0;
  for (let i = 0; i < nameLength; i++) key |= (<u64>load<u8>(NAMES_AT + <usize>(nameAt + i))) << (7 * <u64>i);
  let slot = slotOf(key);
  while (load<i32>(SLOTS_AT + <usize>slot * 16, 8) != 0) slot = (slot + 1) & (SLOTS - 1);
  store<u64>(SLOTS_AT + <usize>slot * 16, key);
  store<i32>(SLOTS_AT + <usize>slot * 16, id + 1, 8);
}

@inline function slotOf(key: u64): i32 {
  return <i32>((key * 0x9e3779b97f4a7c15) >> 54) & (SLOTS - 1);
}
@inline function factAt(id: i32, field: usize): i32 {
  return load<i32>(FACTS + <usize>id * FACT_SIZE + field);
}

// ---- Bytes ----

@inline function byte(i: i32): i32 {
  return <i32>load<u8>(INPUT + <usize>i);
}
@inline function lower(c: i32): i32 {
  return c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
}
@inline function isLetter(c: i32): bool {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/** The first `c` at or after `from`, -1 when none. */
function findByte(from: i32, c: i32): i32 {
  const wanted = i8x16.splat(<i8>c);
  let i = from;
  while (i + 16 <= len) {
    const m = i8x16.bitmask(i8x16.eq(v128.load(INPUT + <usize>i), wanted));
    if (m != 0) return i + ctz(m);
    i += 16;
  }
  while (i < len) {
    if (byte(i) == c) return i;
    i++;
  }
  return -1;
}

/**
 * Where a hint of hiding may start at each of the 16 bytes at `i`: '&' (an encoded attribute),
 * "disp" or "hid" in any case (every hiding declaration holds one: html-text.ts). Needs i + 19 < len.
 */
@inline function hintMask(v: v128, i: i32): v128 {
  const low = i8x16.splat(0x20);
  const lv = v128.or(v, low);
  const v1 = v128.or(v128.load(INPUT + <usize>i, 1), low);
  const v2 = v128.or(v128.load(INPUT + <usize>i, 2), low);
  const v3 = v128.or(v128.load(INPUT + <usize>i, 3), low);
  const i1 = i8x16.eq(v1, i8x16.splat(0x69));
  const disp = v128.and(v128.and(i8x16.eq(lv, i8x16.splat(0x64)), i1), v128.and(i8x16.eq(v2, i8x16.splat(0x73)), i8x16.eq(v3, i8x16.splat(0x70))));
  const hid = v128.and(v128.and(i8x16.eq(lv, i8x16.splat(0x68)), i1), i8x16.eq(v2, i8x16.splat(0x64)));
  return v128.or(v128.or(disp, hid), i8x16.eq(v, i8x16.splat(0x26)));
}

/** A hint of hiding (hintMask) starts at `i`. */
function isHintAt(i: i32): bool {
  const b = byte(i);
  if (b == 0x26) return true;
  const c = b | 0x20;
  if (c == 0x64) return lower(byte(i + 1)) == 0x69 && lower(byte(i + 2)) == 0x73 && lower(byte(i + 3)) == 0x70;
  if (c == 0x68) return lower(byte(i + 1)) == 0x69 && lower(byte(i + 2)) == 0x64;
  return false;
}

/** The next '>', quote or hint (when `hints`) at or after `from`; len when none. */
function attributeStop(from: i32, hints: bool): i32 {
  const gt = i8x16.splat(0x3e);
  const dq = i8x16.splat(0x22);
  const sq = i8x16.splat(0x27);
  let i = from;
  while (i + 19 < len) {
    const v = v128.load(INPUT + <usize>i);
    let stops = v128.or(i8x16.eq(v, gt), v128.or(i8x16.eq(v, dq), i8x16.eq(v, sq)));
    if (hints) stops = v128.or(stops, hintMask(v, i));
    const m = i8x16.bitmask(stops);
    if (m != 0) return i + ctz(m);
    i += 16;
  }
  while (i < len) {
    const c = byte(i);
    if (c == 0x3e || c == 0x22 || c == 0x27 || (hints && isHintAt(i))) return i;
    i++;
  }
  return len;
}

/** The next quote `q` or hint (when `hints`) at or after `from`; len when none. */
function quoteStop(from: i32, q: i32, hints: bool): i32 {
  const quote = i8x16.splat(<i8>q);
  let i = from;
  while (i + 19 < len) {
    const v = v128.load(INPUT + <usize>i);
    let stops = i8x16.eq(v, quote);
    if (hints) stops = v128.or(stops, hintMask(v, i));
    const m = i8x16.bitmask(stops);
    if (m != 0) return i + ctz(m);
    i += 16;
  }
  while (i < len) {
    if (byte(i) == q || (hints && isHintAt(i))) return i;
    i++;
  }
  return len;
}

// ---- Markup ----

/** The next '>' at or after `from`, -1 when none (remembered, so a page of unclosed '<'s stays linear). */
function greaterThan(from: i32): i32 {
  if (from >= noGreaterThanFrom) return -1;
  const gt = findByte(from, 0x3e);
  if (gt < 0) noGreaterThanFrom = from;
  return gt;
}

/**
 * The '>' ending a start tag whose attributes begin at `from` (a quoted value may hold '>'; an
 * unclosed quote does not swallow the page: the tag then ends at its first '>'), -1 when none.
 * Sets plainAttributes: no hint of hiding in them (then they cannot hide the element).
 */
function tagEnd(from: i32): i32 {
  if (from >= noGreaterThanFrom) return -1;
  if (byte(from) == 0x3e) {
    plainAttributes = true;
    return from;
  }
  let plain = true;
  let i = from;
  for (;;) {
    i = attributeStop(i, plain);
    if (i >= len) {
      plainAttributes = false;
      return greaterThan(from);
    }
    const c = byte(i);
    if (c == 0x3e) {
      plainAttributes = plain;
      return i;
    }
    if (c == 0x22 || c == 0x27) {
      let j = i + 1;
      for (;;) {
        j = quoteStop(j, c, plain);
        if (j >= len) {
          plainAttributes = false;
          return greaterThan(from);
        }
        if (byte(j) == c) break;
        plain = false;
        j++;
      }
      i = j + 1;
      continue;
    }
    plain = false;
    i++;
  }
  return -1; // not reached: the loop returns
}

/** The end of the tag name whose first letter is at `start`; its first SHORT_NAME characters, lower case, packed in scannedKey. */
function scanName(start: i32): i32 {
  let key: u64 = 0;
  let shift: u64 = 0;
  let i = start;
  for (;;) {
    const c = <u64>load<u8>(NAME_CHARS + <usize>byte(i));
    if (c == 0) break;
    if (shift < 7 * <u64>SHORT_NAME) {
      key |= c << shift;
      shift += 7;
    }
    i++;
  }
  scannedKey = key;
  return i;
}

/** The tag named at [start, end) (just scanned): foundId (-1: not a known name) and foundFlags. */
function lookUp(start: i32, end: i32): void {
  const length = end - start;
  foundId = -1;
  if (length <= SHORT_NAME) {
    const key = scannedKey;
    for (let slot = slotOf(key); ; slot = (slot + 1) & (SLOTS - 1)) {
      const at = SLOTS_AT + <usize>slot * 16;
      const id = load<i32>(at, 8);
      if (id == 0) break;
      if (load<u64>(at) == key) {
        foundId = id - 1;
        break;
      }
    }
  } else {
    for (let id = 0; id < tagCount; id++) {
      if (factAt(id, 16) == length && sameName(start, NAMES_AT + <usize>factAt(id, 12), length)) {
        foundId = id;
        break;
      }
    }
  }
  if (foundId >= 0) {
    foundFlags = factAt(foundId, 0);
    return;
  }
  // Names not known: skipped when VML or Word markup (v:…, w:…), nothing else: html-tags.ts's factsOf,
  // which html-markup.test.ts checks this against.
  const c = lower(byte(start));
  foundFlags = length >= 2 && byte(start + 1) == 0x3a && (c == 0x76 || c == 0x77) ? F_SKIPPED : 0;
}

/** html[start, start + length) is, in any case, the lower-case name at `name`. */
function sameName(start: i32, name: usize, length: i32): bool {
  for (let i = 0; i < length; i++) if (lower(byte(start + i)) != <i32>load<u8>(name + <usize>i)) return false;
  return true;
}

@inline function emit(word: i32, a: i32, b: i32, c: i32): void {
  if (events == EVENT_CAPACITY) {
    flush(events);
    events = 0;
  }
  const at = EVENTS + <usize>events * 16;
  store<i32>(at, word);
  store<i32>(at, a, 4);
  store<i32>(at, b, 8);
  store<i32>(at, c, 12);
  events++;
}

/** html[start, end) holds an '&' (texts are looked at in document order). */
function hasAmpersand(start: i32, end: i32): bool {
  if (nextAmpersand < start) {
    const at = findByte(start, 0x26);
    nextAmpersand = at < 0 ? NONE : at;
  }
  return nextAmpersand < end;
}

function appendText(start: i32, end: i32): void {
  // Text directly inside table/tbody/tr (the whitespace between cells) is never read.
  if (end <= start || (topFlags & F_TABLE_CONTAINER) != 0) return;
  emit(TEXT | (hasAmpersand(start, end) ? 4 : 0), start, end, 0);
}

/** Inline wrappers opened in the innermost open element are transparent (html-markup.ts's inlineIsTransparent). */
@inline function inlineIsTransparent(): bool {
  return ((topScope & IN_TABLE) == 0 || (topScope & IN_CELL) != 0) && (topScope & IN_SKIP) == 0;
}

function setTop(): void {
  const at = stack + <usize>(depth - 1) * ENTRY;
  topId = load<i32>(at);
  topScope = load<i32>(at, 4);
  topFlags = load<i32>(at, 8);
  topClosedBy = topId >= 0 ? factAt(topId, 4) : 0;
}

function push(id: i32, scope: i32, flags: i32, nameStart: i32, nameLength: i32): void {
  if (depth == stackCapacity) growStack();
  const at = stack + <usize>depth * ENTRY;
  store<i32>(at, id);
  store<i32>(at, scope, 4);
  store<i32>(at, flags, 8);
  store<i32>(at, nameStart, 12);
  store<i32>(at, nameLength, 16);
  depth++;
  if (flags & F_INLINE) trackedInline++;
  setTop();
}

function growStack(): void {
  const end = stack + <usize>(stackCapacity * 2 + 16) * ENTRY;
  const have = <usize>memory.size() << 16;
  if (end > have && memory.grow(<i32>((end - have + 0xffff) >> 16)) < 0) unreachable();
  stackCapacity = stackCapacity * 2 + 16;
}

function pop(): void {
  if (topFlags & F_INLINE) trackedInline--;
  depth--;
  setTop();
  emit(CLOSE, 0, 0, 0);
}

/** Opens the element whose tag ends at `end` ('>'); returns where the text after it starts. */
function openElement(id: i32, flags: i32, nameStart: i32, nameEnd: i32, end: i32): i32 {
  const selfClosed = byte(end - 1) == 0x2f && end - 1 >= nameEnd;
  const openerBit = id >= 0 ? factAt(id, 8) : 0;
  while ((topClosedBy & openerBit) != 0 && depth > 1) pop();
  const attrEnd = selfClosed ? end - 1 : end;
  const skip = (flags & F_SKIPPED) != 0 || (!plainAttributes && hidden(nameEnd, attrEnd) != 0);
  // An inline wrapper is read exactly as its content would be read in its place (html-markup.ts).
  if ((flags & F_INLINE) != 0 && !skip && inlineIsTransparent()) return end + 1;
  const leaf = selfClosed || (flags & (F_VOID | F_RAW)) != 0;
  const parentScope = topScope;
  emit(OPEN | (skip ? 4 : 0) | (leaf ? 8 : 0) | ((id + 1) << 8), nameStart, nameEnd, attrEnd);
  if ((flags & F_RAW) != 0 && !selfClosed) {
    const after = rawTextEnd(end + 1, id);
    return after < 0 ? len : after + 1;
  }
  if (!leaf) {
    const isTable = (flags & F_TABLE) != 0;
    const inCell = (flags & F_CELL) != 0 || (!isTable && (parentScope & IN_CELL) != 0);
    const inTable = isTable || (parentScope & IN_TABLE) != 0;
    const inSkip = skip || (parentScope & IN_SKIP) != 0;
    push(id, (inCell ? IN_CELL : 0) | (inTable ? IN_TABLE : 0) | (inSkip ? IN_SKIP : 0), flags, nameStart, nameEnd - nameStart);
  }
  return end + 1;
}

/**
 * The '>' after the end tag of raw text (script, style, noscript) starting at `from`: the first
 * `</name` (any case) followed by a space, '/' or '>'; -1 when there is none.
 */
function rawTextEnd(from: i32, id: i32): i32 {
  const name = NAMES_AT + <usize>factAt(id, 12);
  const length = factAt(id, 16);
  let i = from;
  for (;;) {
    const lt = findByte(i, 0x3c);
    if (lt < 0) return -1;
    i = lt + 1;
    if (byte(lt + 1) != 0x2f || lt + 2 + length >= len || !sameName(lt + 2, name, length)) continue;
    const c = byte(lt + 2 + length);
    if (c == 0x20 || (c >= 0x09 && c <= 0x0d) || c == 0xa0 || c == 0x2f || c == 0x3e) return findByte(lt, 0x3e);
  }
  return -1; // not reached: the loop returns
}

/** The element open at `i` has the name of the end tag read (id, or the name at nameStart when not known). */
function isElementNamed(i: i32, id: i32, nameStart: i32, nameLength: i32): bool {
  const at = stack + <usize>i * ENTRY;
  const openId = load<i32>(at);
  if (id >= 0 || openId >= 0) return openId == id;
  if (load<i32>(at, 16) != nameLength) return false;
  const openName = load<i32>(at, 12);
  for (let k = 0; k < nameLength; k++) if (lower(byte(openName + k)) != lower(byte(nameStart + k))) return false;
  return true;
}

/**
 * An end tag closes the nearest open element of its name and everything opened inside it, but
 * never reaches through a table or cell for a non-table tag; with nothing to close it is ignored.
 */
function closeElement(id: i32, flags: i32, nameStart: i32, nameLength: i32): void {
  const limit = max(1, depth - MAX_CLOSE_SEARCH);
  const tablePart = (flags & F_TABLE_PART) != 0;
  for (let i = depth - 1; i >= limit; i--) {
    if (isElementNamed(i, id, nameStart, nameLength)) {
      while (depth > i) pop();
      return;
    }
    const at = stack + <usize>i * ENTRY;
    if (tablePart ? load<i32>(at) == tableId : (load<i32>(at, 8) & F_SCOPE_BOUNDARY) != 0) return;
  }
}

/** The page is at INPUT, `length` bytes: reads it, flushing events as the buffer fills; returns the events left in it. */
export function read(length: i32): i32 {
  len = length;
  store<u8>(INPUT + <usize>length, 0);
  events = 0;
  nextAmpersand = -1;
  noGreaterThanFrom = NONE;
  plainAttributes = false;
  trackedInline = 0;
  stack = (INPUT + <usize>length + 32 + 15) & ~15;
  const have = <usize>memory.size() << 16;
  stackCapacity = <i32>((have - stack) / ENTRY);
  depth = 0;
  if (stackCapacity < 16) growStack();
  push(-1, 0, 0, 0, 0); // the root
  let pos = 0;
  let textStart = 0;
  while (pos < len) {
    const lt = byte(pos) == 0x3c ? pos : findByte(pos, 0x3c);
    if (lt < 0) break;
    const next = byte(lt + 1);
    if (isLetter(next)) {
      const nameEnd = scanName(lt + 1);
      lookUp(lt + 1, nameEnd);
      const id = foundId;
      const flags = foundFlags;
      const end = tagEnd(nameEnd);
      if (end < 0) {
        pos = lt + 1;
        continue;
      }
      // A run of transparent inline tags is skipped tag by tag; with plain attributes such a tag cannot hide.
      if ((flags & F_INLINE) != 0 && plainAttributes && trackedInline == 0 && inlineIsTransparent()) {
        appendText(textStart, lt);
        pos = textStart = end + 1;
        continue;
      }
      appendText(textStart, lt);
      pos = textStart = openElement(id, flags, lt + 1, nameEnd, end);
      continue;
    }
    if (next == 0x2f && isLetter(byte(lt + 2))) {
      const nameEnd = scanName(lt + 2);
      lookUp(lt + 2, nameEnd);
      const gt = greaterThan(lt + 2);
      if (gt < 0) {
        pos = lt + 1;
        continue;
      }
      appendText(textStart, lt);
      // A transparent inline wrapper's end tag has nothing to end.
      if (!((foundFlags & F_INLINE) != 0 && trackedInline == 0 && inlineIsTransparent())) closeElement(foundId, foundFlags, lt + 2, nameEnd - lt - 2);
      pos = textStart = gt + 1;
      continue;
    }
    if (next == 0x21 || next == 0x3f) {
      // <!-- comment -->, <!doctype …>, <![if …]>, <?xml …?>: dropped.
      const isComment = next == 0x21 && byte(lt + 2) == 0x2d && byte(lt + 3) == 0x2d;
      const close = isComment ? commentEnd(lt + 4) : greaterThan(lt + 2);
      if (close < 0) {
        pos = lt + 1;
        continue;
      }
      appendText(textStart, lt);
      pos = textStart = close + (isComment ? 3 : 1);
      continue;
    }
    pos = lt + 1;
  }
  appendText(textStart, len);
  while (depth > 1) pop();
  return events;
}

/** The first "-->" at or after `from`, -1 when none. */
function commentEnd(from: i32): i32 {
  let i = from;
  for (;;) {
    const gt = findByte(i, 0x3e);
    if (gt < 0) return -1;
    if (gt >= from + 2 && byte(gt - 1) == 0x2d && byte(gt - 2) == 0x2d) return gt - 2;
    i = gt + 1;
  }
  return -1; // not reached: the loop returns
}
