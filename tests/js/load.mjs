// Load the built wasm package (web-demo/pkg, built by `make wasm`) synchronously in Node.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as drplan from "../../web-demo/pkg/drplan_wasm.js";

const wasm = fileURLToPath(new URL("../../web-demo/pkg/drplan_wasm_bg.wasm", import.meta.url));
drplan.initSync({ module: readFileSync(wasm) });

export default drplan;

/** Compare like the Rust golden runner: floats to 12 significant digits, the rest exactly. */
export function diff(a, b, path = "", out = []) {
  if (typeof a === "number" && typeof b === "number") {
    const tol = 1e-12 * Math.max(Math.abs(a), Math.abs(b), 1);
    if (!(Math.abs(a - b) <= tol)) out.push(`${path}: ${a} != ${b}`);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path}: length ${a.length} != ${b.length}`);
    for (let i = 0; i < Math.min(a.length, b.length); i++) diff(a[i], b[i], `${path}/${i}`, out);
  } else if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!(k in a) || !(k in b)) out.push(`${path}/${k}: present on one side only`);
      else diff(a[k], b[k], `${path}/${k}`, out);
    }
  } else if (a !== b) {
    out.push(`${path}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`);
  }
  return out;
}
