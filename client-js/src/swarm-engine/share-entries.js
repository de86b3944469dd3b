/**
 * Pure helpers between what the user picked and the manifest: unique manifest paths for the
 * picked files, the share's display name, and the ManifestSummary the sessions and pages show.
 * @module swarm-engine/share-entries
 */

/**
 * Manifest entries for picked files: the folder-relative path when a folder was picked, else the
 * file name; a repeated path gets " (2)", " (3)", ... before its extension.
 * @param {ReadonlyArray<Blob & {name?: string, webkitRelativePath?: string}>} files
 * @returns {{path: string, blob: Blob}[]}
 */
export function shareEntries(files) {
  const used = new Set();
  return files.map((file, i) => {
    const wanted = file.webkitRelativePath || file.name || `file-${i + 1}`;
    let path = wanted;
    for (let n = 2; used.has(path); n++) {
      const dot = wanted.lastIndexOf('.');
      const slash = wanted.lastIndexOf('/');
      path = dot > slash + 1 ? `${wanted.slice(0, dot)} (${n})${wanted.slice(dot)}` : `${wanted} (${n})`;
    }
    used.add(path);
    return { path, blob: file };
  });
}

/**
 * The share's display name: the single file's name, else the common top folder, else "N files".
 * Cut to 255 UTF-8 bytes at most (the manifest's limit).
 * @param {{path: string}[]} entries
 */
export function shareName(entries) {
  let name;
  if (entries.length === 1) name = entries[0].path.split('/').pop() ?? '';
  else {
    const top = entries[0]?.path.split('/')[0];
    name = entries.every((e) => e.path.includes('/') && e.path.split('/')[0] === top) ? top : `${entries.length} files`;
  }
  const bytes = new TextEncoder().encode(name);
  if (bytes.length <= 255) return name;
  return new TextDecoder().decode(bytes.subarray(0, 255)).replace(/\uFFFD+$/, '');
}

/**
 * What the engine reports as `manifest` (engine.js ManifestSummary).
 * @param {import('../swarm/manifest.js').Manifest} m @param {string} contentId
 */
export function manifestSummary(m, contentId) {
  return {
    contentId, name: m.name, files: m.files.map((f) => ({ path: f.path, size: f.size })),
    totalSize: m.totalSize, pieceSize: m.pieceSize, pieceCount: m.pieceCount,
  };
}

/**
 * Progress after `verifiedPieces` pieces holding `verifiedBytes` bytes.
 * @param {import('../swarm/manifest.js').Manifest} m @param {number} verifiedPieces @param {number} verifiedBytes
 */
export function progressOf(m, verifiedPieces, verifiedBytes) {
  return { verifiedBytes, totalBytes: m.totalSize, verifiedPieces, pieceCount: m.pieceCount };
}
