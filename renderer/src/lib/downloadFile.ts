/**
 * Browser mode: hands bytes the host built to the browser as a download (a Blob behind
 * a temporary `a[download]`), the only way a page can save a file.
 */

/** Starts a download of `bytes` named `name`. */
export function downloadFile(name: string, mediaType: string, bytes: Uint8Array): void {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  const url = URL.createObjectURL(new Blob([copy], { type: mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once it has started.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
