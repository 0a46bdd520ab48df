// pdf-parse loads pdf.js's legacy build, whose core-js polyfills replace built-ins for the whole
// process when they miss a corner of the spec. Array.prototype.push is one: the JavaScript
// replacement is ~9× slower than V8's, and every push of every module (analysis, segmenting,
// the index) paid for it. This module is imported before pdf-parse, so it sees the originals.
const NATIVE = [
  [Array.prototype, 'push', Array.prototype.push],
  [JSON, 'parse', JSON.parse],
] as const;

/** Puts back the built-ins pdf.js's polyfills replaced; pdf.js works with the originals. */
export function restoreNativeBuiltins(): void {
  for (const [owner, name, original] of NATIVE) {
    if (Reflect.get(owner, name) !== original) {
      Object.defineProperty(owner, name, { value: original, writable: true, configurable: true, enumerable: false });
    }
  }
}
