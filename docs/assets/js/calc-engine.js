// @ts-check
// The shared engine, loaded on first use (engine.js keeps one worker per window on globalThis).

/** @typedef {{ready: Promise<unknown>, status: {state: string, message?: string},
 *    onStatus: (cb: (s: {state?: string, message?: string, text?: string} | string) => void) => () => void,
 *    run: (name: string, payload: Record<string, unknown>) => Promise<any>,
 *    parseContracts: (bytes: Uint8Array, filename: string) => Promise<any>,
 *    exportRankingCsv: (result: unknown) => Promise<string>,
 *    restart?: () => Promise<unknown>}} Engine */

/** @type {Promise<Engine> | null} */
let enginePromise = null;

/** The shared engine (one worker per window, kept by engine.js on globalThis).
 *  @returns {Promise<Engine>} */
export function loadEngine() {
  if (!enginePromise) {
    enginePromise = import("./engine.js").then((mod) => /** @type {Engine} */ (/** @type {unknown} */ (mod.getEngine())));
    enginePromise.catch(() => { enginePromise = null; });
  }
  return enginePromise;
}

/** The message of a failure, if it has one.
 *  @param {unknown} err
 *  @returns {string | undefined} */
export function messageOf(err) {
  return err && typeof err === "object" && "message" in err && err.message ? String(err.message) : undefined;
}
