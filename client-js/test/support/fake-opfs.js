// An Origin Private File System stand-in (directories, files, createWritable, getFile) backed by
// memory, for the createWritable path of OpfsStore. Installs itself as navigator.storage.
export function installFakeOpfs({ quotaBytes = Infinity, locks = undefined } = {}) {
  const files = new Map(); // "dir/name" -> Uint8Array
  const modified = new Map(); // "dir/name" -> ms
  const fileHandle = (dir, name) => ({
    kind: 'file', name,
    async getFile() { return new File([files.get(`${dir}/${name}`)], name, { lastModified: modified.get(`${dir}/${name}`) ?? Date.now() }); },
    async createWritable({ keepExistingData = false } = {}) {
      let data = keepExistingData ? files.get(`${dir}/${name}`).slice() : new Uint8Array(0);
      const grow = (size) => {
        if (size > quotaBytes) throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
        const next = new Uint8Array(size);
        next.set(data.subarray(0, Math.min(size, data.length)));
        data = next;
      };
      return {
        async write({ type, position, data: chunk }) {
          if (type !== 'write') throw new TypeError('only write');
          const bytes = chunk instanceof Uint8Array ? chunk : new Uint8Array(chunk);
          if (position + bytes.length > data.length) grow(position + bytes.length);
          data.set(bytes, position);
        },
        async truncate(size) { grow(size); },
        async close() { files.set(`${dir}/${name}`, data); },
      };
    },
  });
  const dirHandle = (dir) => ({
    async getFileHandle(name, { create = false } = {}) {
      const key = `${dir}/${name}`;
      if (!files.has(key)) {
        if (!create) throw Object.assign(new Error('not found'), { name: 'NotFoundError' });
        files.set(key, new Uint8Array(0));
      }
      return fileHandle(dir, name);
    },
    async getDirectoryHandle(sub) { return dirHandle(`${dir}/${sub}`); },
    async removeEntry(name) {
      if (!files.delete(`${dir}/${name}`)) throw Object.assign(new Error('not found'), { name: 'NotFoundError' });
    },
    async *entries() {
      for (const key of [...files.keys()]) {
        const slash = key.lastIndexOf('/');
        if (key.slice(0, slash) === dir && files.has(key)) yield [key.slice(slash + 1), fileHandle(dir, key.slice(slash + 1))];
      }
    },
  });
  const previous = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  Object.defineProperty(globalThis, 'navigator', { value: { storage: { getDirectory: async () => dirHandle('') }, locks }, configurable: true, writable: true });
  return {
    files,
    /** Sets a file's last-modified time (ms). */
    touch(path, ms) { modified.set(path, ms); },
    uninstall() {
      if (previous) Object.defineProperty(globalThis, 'navigator', previous);
      else delete globalThis.navigator;
    },
  };
}
