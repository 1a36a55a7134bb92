/**
 * Saves a file the way a page can everywhere: a blob URL on an <a download>. The web shell's
 * browser downloads it; Electron turns it into a save dialog by default.
 */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has read the blob by the next tasks; keep the URL a little longer to be safe.
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
