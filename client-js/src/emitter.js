/**
 * A tiny typed event emitter (no DOM dependency, so it runs in node tests and workers alike).
 * A throwing listener does not stop the others: its error is reported asynchronously.
 * @template {Record<string, any>} Events map of event name -> payload type
 */
export class Emitter {
  constructor() {
    /** @type {Map<keyof Events, Set<Function>>} */
    this._listeners = new Map();
  }

  /**
   * @template {keyof Events} K
   * @param {K} event
   * @param {(payload: Events[K]) => void} listener
   * @returns {() => void} a function that removes the listener
   */
  on(event, listener) {
    let set = this._listeners.get(event);
    if (!set) this._listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => this.off(event, listener);
  }

  /**
   * @template {keyof Events} K
   * @param {K} event
   * @param {(payload: Events[K]) => void} listener
   */
  off(event, listener) {
    this._listeners.get(event)?.delete(listener);
  }

  /**
   * @template {keyof Events} K
   * @param {K} event
   * @param {(payload: Events[K]) => void} listener
   * @returns {() => void}
   */
  once(event, listener) {
    const off = this.on(event, (payload) => {
      off();
      listener(payload);
    });
    return off;
  }

  /**
   * @template {keyof Events} K
   * @param {K} event
   * @param {Events[K]} [payload]
   * @returns {boolean} whether anyone listened
   */
  emit(event, payload) {
    const set = this._listeners.get(event);
    if (!set || set.size === 0) return false;
    for (const listener of [...set]) {
      try {
        listener(payload);
      } catch (err) {
        queueMicrotask(() => { throw err; });
      }
    }
    return true;
  }

  /** Removes every listener (used by close()). */
  removeAllListeners() {
    this._listeners.clear();
  }
}
