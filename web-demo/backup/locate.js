// Where a JSON pointer lands in the text of a JSON or YAML document: the core reports every finding
// at a pointer into the parsed document; the "Backup plan" tab highlights the text it came from.
// Both scanners are small and tolerant (half-typed text is the normal case in an editor): they
// never throw, and a pointer they cannot find falls back to its nearest ancestor.
// No DOM here: the browser tests import this module in Node too.

/** RFC 6901 escaping of one reference token. */
export function escapeToken(key) {
  return String(key).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** "json" when the first significant character opens a JSON value, "yaml" otherwise. */
export function guessFormat(text) {
  const m = /^\uFEFF?\s*(\S)/.exec(text);
  return m && (m[1] === '{' || m[1] === '[') ? 'json' : 'yaml';
}

/**
 * Every value of the document, by pointer: `{start, end}` offsets into `text` (end exclusive).
 * An object member spans its key and its value (`"Lifecycle": {…}`), an array item its value.
 * `line` is the 0-based line of `start`; the root is `""`.
 */
export function indexDocument(text, format = guessFormat(text)) {
  const out = new Map();
  out.set('', { start: 0, end: text.length });
  try {
    // YAML whose root is a flow collection (JSON with a trailing comma reads as YAML) scans as JSON.
    if (format === 'json' || guessFormat(text) === 'json') scanFlow(text, skipSpace(text, 0), '', out, 0);
    else indexYaml(text, out);
  } catch {
    // A scanner bug must never break the page: keep what was found.
  }
  return out;
}

/**
 * The text range for `pointer`: the exact value when the text has it, else its nearest ancestor
 * present (`exact: false`, `found` is the ancestor's pointer). For an ancestor, and for the whole
 * document, only the first line of the value is given: highlighting a whole template says nothing.
 */
export function locate(text, pointer, format = guessFormat(text), index = indexDocument(text, format)) {
  let p = pointer ?? '';
  while (p !== '' && !index.has(p)) p = p.slice(0, p.lastIndexOf('/'));
  const exact = p === (pointer ?? '');
  let { start, end } = index.get(p) ?? { start: 0, end: 0 };
  if (!exact || p === '') {
    start = firstSignificant(text, start, end);
    const nl = text.indexOf('\n', start);
    end = Math.min(end, nl < 0 ? text.length : nl);
    end = trimEnd(text, start, end);
  }
  return { start, end, exact, found: p };
}

/** 0-based line and column of an offset. */
export function lineCol(text, offset) {
  let line = 0;
  let last = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    last = i;
  }
  return { line, col: offset - last - 1 };
}

/** The offset of a 1-based line and column (as in the core's syntax errors), clamped to the text. */
export function offsetOf(text, line, column) {
  let pos = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', pos);
    if (nl < 0) return text.length;
    pos = nl + 1;
  }
  const nl = text.indexOf('\n', pos);
  const lineEnd = nl < 0 ? text.length : nl;
  return Math.min(pos + Math.max(0, column - 1), lineEnd);
}

// ---- JSON (and YAML flow collections: unquoted scalars and keys are accepted) -------------------

function skipSpace(text, i) {
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\uFEFF') i += 1;
    else if (c === '/' && text[i + 1] === '/') i = lineEnd(text, i);
    else if (c === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      i = e < 0 ? text.length : e + 2;
    } else break;
  }
  return i;
}

function lineEnd(text, i) {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl;
}

function firstSignificant(text, start, end) {
  let i = start;
  while (i < end && /\s/.test(text[i])) i += 1;
  return i < end ? i : start;
}

function trimEnd(text, start, end) {
  while (end > start && /\s/.test(text[end - 1])) end -= 1;
  return end;
}

/** A quoted string at `i` ("…" with escapes, '…' with ''): its end and decoded value. */
function readQuoted(text, i) {
  const q = text[i];
  let j = i + 1;
  while (j < text.length && text[j] !== '\n') {
    if (q === '"' && text[j] === '\\') j += 2;
    else if (text[j] === q) {
      if (q === "'" && text[j + 1] === "'") j += 2;
      else return { end: j + 1, value: decode(text.slice(i, j + 1)) };
    } else j += 1;
  }
  return { end: j, value: decode(text.slice(i, j)) }; // unterminated: up to the end of the line
}

function decode(raw) {
  if (raw[0] === "'") return raw.slice(1, raw.endsWith("'") && raw.length > 1 ? -1 : undefined).replaceAll("''", "'");
  try {
    return JSON.parse(raw);
  } catch {
    return raw.slice(1, raw.endsWith('"') && raw.length > 1 ? -1 : undefined);
  }
}

/** An unquoted token: up to a structural character or the end of the line (trailing spaces dropped). */
function readPlain(text, i, stops, key = false) {
  let j = i;
  while (j < text.length && text[j] !== '\n' && !stops.includes(text[j])) {
    if (key && text[j] === ':' && /[\s,\]}]/.test(text[j + 1] ?? ' ')) break;
    if (text[j] === ' ' && text[j + 1] === '#') break;
    j += 1;
  }
  return { end: trimEnd(text, i, j), value: text.slice(i, trimEnd(text, i, j)) };
}

/** Scan the value at `i` for pointer `path`; records it (and everything inside) in `out`. */
function scanFlow(text, i, path, out, depth, keyStart = i) {
  if (i >= text.length || depth > 400) return i;
  const c = text[i];
  let end;
  if (c === '{' || c === '[') {
    const close = c === '{' ? '}' : ']';
    let index = 0;
    let j = i + 1;
    for (;;) {
      j = skipSpace(text, j);
      if (j >= text.length) { end = text.length; break; }
      const d = text[j];
      if (d === close) { end = j + 1; break; }
      if (d === ',') { j += 1; continue; }
      if (d === '}' || d === ']') { end = j; break; } // mismatched: stop here, the caller resumes
      if (c === '[') {
        j = scanFlow(text, j, `${path}/${index}`, out, depth + 1);
        index += 1;
        continue;
      }
      const ks = j;
      const key = d === '"' || d === "'" ? readQuoted(text, j) : readPlain(text, j, ',{}[]', true);
      j = skipSpace(text, key.end);
      if (text[j] === ':') j = skipSpace(text, j + 1);
      else if (key.end === ks) { j += 1; continue; } // not a key at all: skip one character
      const child = `${path}/${escapeToken(key.value)}`;
      if (text[j] === ',' || text[j] === close || j >= text.length) {
        out.set(child, { start: ks, end: key.end }); // a key without a value
        continue;
      }
      j = scanFlow(text, j, child, out, depth + 1, ks);
    }
  } else if (c === '"' || c === "'") {
    end = readQuoted(text, i).end;
  } else {
    end = readPlain(text, i, ',{}[]').end;
    if (end === i) end = i + 1; // a stray character: step over it
  }
  out.set(path, { start: keyStart, end });
  return end;
}

// ---- YAML (block style, by indentation; flow collections go to the scanner above) -----------------

/** The offset where a comment starts on this line content (outside quotes), or `end`. */
function contentEnd(text, i, end) {
  let q = null;
  for (let j = i; j < end; j++) {
    const c = text[j];
    if (q) {
      if (c === q) q = null;
    } else if ((c === '"' || c === "'") && (j === i || /[\s:[{,-]/.test(text[j - 1]))) q = c;
    else if (c === '#' && (j === i || /\s/.test(text[j - 1]))) return trimEnd(text, i, j);
  }
  return trimEnd(text, i, end);
}

/** A mapping key at `i` (up to `end`): `{key, valueStart}` or null when the line holds no key. */
function readKey(text, i, end) {
  if (text[i] === '"' || text[i] === "'") {
    const q = readQuoted(text, i);
    let j = q.end;
    while (j < end && (text[j] === ' ' || text[j] === '\t')) j += 1;
    if (text[j] === ':' && (j + 1 >= end || /\s/.test(text[j + 1]))) return { key: String(q.value), valueStart: j + 1 };
    return null;
  }
  if (/[[{!&*|>%@`]/.test(text[i]) || (text[i] === '-' && /\s/.test(text[i + 1] ?? ' '))) return null;
  for (let j = i; j < end; j++) {
    if (text[j] === ' ' && text[j + 1] === '#') return null;
    if (text[j] === ':' && (j + 1 >= end || /\s/.test(text[j + 1]))) {
      return { key: text.slice(i, trimEnd(text, i, j)), valueStart: j + 1 };
    }
  }
  return null;
}

function indexYaml(text, out) {
  const stack = []; // open containers: {col, type: 'map' | 'seq', path, next, owner}
  let pending = null; // the last key or item whose value is a block still to come: {path, col, isKey, rec}
  let lastEnd = 0; // end of the last content seen (closes the containers popped next)
  let block = null; // inside a block scalar (| or >): {col, rec}
  let skipUntil = 0; // inside a multi-line flow collection

  const pop = () => {
    const c = stack.pop();
    if (c.owner) c.owner.end = Math.max(c.owner.end, lastEnd);
  };

  /** The value part of a key or item: scalar, flow collection, block scalar, or a block to come. */
  const value = (path, rec, col, isKey, i, end) => {
    const e = contentEnd(text, i, end);
    let v = i;
    while (v < e && (text[v] === ' ' || text[v] === '\t')) v += 1;
    // Tags (!Ref, !!str) and anchors (&a) come before the value itself.
    while (v < e && (text[v] === '!' || text[v] === '&')) {
      let w = v;
      while (w < e && !/\s/.test(text[w])) w += 1;
      if (w >= e) break; // a tag alone: the value is a block below
      v = w;
      while (v < e && /\s/.test(text[v])) v += 1;
    }
    const tagOnly = v < e && (text[v] === '!' || text[v] === '&');
    if (v >= e || tagOnly) {
      pending = { path, col, isKey, rec };
      rec.end = Math.max(rec.end, e);
      return e;
    }
    if (text[v] === '|' || text[v] === '>') {
      block = { col, rec };
      rec.end = e;
      return e;
    }
    if (text[v] === '[' || text[v] === '{') {
      const fe = scanFlow(text, v, path, out, 0, rec.start);
      rec.end = fe;
      out.set(path, rec);
      if (fe > end) skipUntil = fe;
      return Math.max(fe, e);
    }
    rec.end = e;
    return e;
  };

  /** One node at column `col` (offset `i`) on a line ending at `end`. */
  const node = (i, col, end) => {
    const pend = pending;
    pending = null;
    if (text[i] === '-' && (i + 1 >= end || /\s/.test(text[i + 1]))) {
      while (stack.length && stack[stack.length - 1].col > col) pop();
      let top = stack[stack.length - 1];
      if (!(top && top.type === 'seq' && top.col === col)) {
        const opens = pend && (col > pend.col || (col === pend.col && pend.isKey));
        if (top && top.col === col && top.type === 'map' && !opens) return; // not YAML: ignore the line
        top = { col, type: 'seq', path: opens ? pend.path : (top?.path ?? ''), next: 0, owner: opens ? pend.rec : null };
        stack.push(top);
      }
      const path = `${top.path}/${top.next}`;
      top.next += 1;
      let j = i + 1;
      while (j < end && (text[j] === ' ' || text[j] === '\t')) j += 1;
      const rec = { start: j < contentEnd(text, j, end) ? j : i, end: i + 1 };
      out.set(path, rec);
      const e = contentEnd(text, j, end);
      if (j >= e) {
        pending = { path, col, isKey: false, rec };
        return;
      }
      if ((text[j] === '-' && /\s/.test(text[j + 1] ?? ' ')) || readKey(text, j, e)) {
        pending = { path, col, isKey: false, rec };
        node(j, col + (j - i), end);
        return;
      }
      value(path, rec, col, false, j, end);
      return;
    }
    const k = readKey(text, i, end);
    if (!k) return; // a continuation line of a multi-line scalar
    while (stack.length) {
      const top = stack[stack.length - 1];
      if (top.col > col || (top.col === col && top.type === 'seq')) pop();
      else break;
    }
    let top = stack[stack.length - 1];
    if (!(top && top.type === 'map' && top.col === col)) {
      const opens = pend && col > pend.col;
      top = { col, type: 'map', path: opens ? pend.path : (top?.path ?? ''), next: 0, owner: opens ? pend.rec : null };
      stack.push(top);
    }
    const path = `${top.path}/${escapeToken(k.key)}`;
    const rec = { start: i, end: k.valueStart };
    out.set(path, rec);
    value(path, rec, col, true, k.valueStart, end);
  };

  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : (text[nl - 1] === '\r' ? nl - 1 : nl);
    const next = nl < 0 ? text.length + 1 : nl + 1;
    let i = pos;
    while (i < end && text[i] === ' ') i += 1;
    const col = i - pos;
    const blank = i >= end || text[i] === '#';
    if (pos < skipUntil) {
      // still inside a flow collection that began on an earlier line
    } else if (block) {
      if (blank || col > block.col) {
        if (!blank) block.rec.end = lastEnd = end;
      } else {
        block = null;
      }
    }
    if (pos >= skipUntil && !block && !blank) {
      const directive = col === 0 && (/^(---|\.\.\.)(\s|$)/.test(text.slice(i, i + 4)) || text[i] === '%');
      if (!directive) {
        node(i, col, end);
        lastEnd = Math.max(lastEnd, skipUntil > end ? skipUntil : contentEnd(text, i, end));
      }
    }
    pos = next;
  }
  while (stack.length) pop();
}
