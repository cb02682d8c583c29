// A link that reproduces the view: the URL fragment holds the tab and, once its inputs differ from
// the ones it opened with, those inputs (`#<tab>/<data>`: JSON, deflate-raw, base64url). The
// fragment never leaves the browser (it is not part of the request), and the compression is the
// browser's own (CompressionStream), so a link works offline and sends nothing anywhere.

const enc = new TextEncoder();
const dec = new TextDecoder();

async function pipe(bytes, stream) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function toBase64Url(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  const bin = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** A JSON value as link data. */
export async function encodeInputs(value) {
  return toBase64Url(await pipe(enc.encode(JSON.stringify(value)), new CompressionStream('deflate-raw')));
}

/** Link data back to its JSON value (throws on data that is not a link's). */
export async function decodeInputs(data) {
  return JSON.parse(dec.decode(await pipe(fromBase64Url(data), new DecompressionStream('deflate-raw'))));
}

/** The tab and link data of a fragment (`#backup`, `#backup/…`); unknown parts are null. */
export function parseFragment(hash) {
  const m = /^#([a-z]+)(?:\/([A-Za-z0-9_-]+))?$/.exec(hash);
  return m ? { tab: m[1], data: m[2] ?? null } : { tab: null, data: null };
}

/** The address of `tab` with `inputs` (or of the tab alone when `inputs` is null). */
export async function linkTo(tab, inputs) {
  const url = new URL(location.href);
  url.hash = inputs === null ? tab : `${tab}/${await encodeInputs(inputs)}`;
  return url.href;
}
