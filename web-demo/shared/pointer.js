// JSON Pointer (RFC 6901) helpers: the form reads and writes the input documents by the same paths
// the core reports issues at.

export function parsePointer(path) {
  if (path === '') return [];
  return path.slice(1).split('/').map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
}

export function getAt(doc, path) {
  let cur = doc;
  for (const key of parsePointer(path)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[key];
  }
  return cur;
}

/** Set a value, creating intermediate objects. */
export function setAt(doc, path, value) {
  const keys = parsePointer(path);
  let cur = doc;
  for (const key of keys.slice(0, -1)) {
    if (cur[key] === null || typeof cur[key] !== 'object') cur[key] = {};
    cur = cur[key];
  }
  cur[keys[keys.length - 1]] = value;
}

/** Delete a value; drop parent objects (not arrays, not the root's direct children) left empty. */
export function deleteAt(doc, path) {
  const keys = parsePointer(path);
  const chain = [doc];
  for (const key of keys.slice(0, -1)) {
    const next = chain[chain.length - 1]?.[key];
    if (next === null || typeof next !== 'object') return;
    chain.push(next);
  }
  delete chain[chain.length - 1][keys[keys.length - 1]];
  for (let i = chain.length - 1; i > 1; i--) {
    const obj = chain[i];
    if (Array.isArray(obj) || Object.keys(obj).length > 0) break;
    delete chain[i - 1][keys[i - 1]];
  }
}
