/** The few lines of a program that the experiments list shows under its title. */

/** How much of the source a preview looks at: the list never needs more, and never reads more. */
export const PREVIEW_SCAN_CHARS = 400;
const PREVIEW_LINES = 3;
const PREVIEW_CHARS = 160;

/** The first non-blank lines of `source`, right-trimmed, at most PREVIEW_CHARS characters. */
export function sourcePreview(source: string): string {
  const lines = sliceWhole(source, PREVIEW_SCAN_CHARS)
    .split(/\r\n|\r|\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '')
    .slice(0, PREVIEW_LINES);
  const preview = lines.join('\n');
  return preview.length > PREVIEW_CHARS ? `${sliceWhole(preview, PREVIEW_CHARS - 1)}…` : preview;
}

/** The first `length` UTF-16 units of `text`, one fewer if that would split a surrogate pair. */
function sliceWhole(text: string, length: number): string {
  if (text.length <= length) return text;
  const last = text.charCodeAt(length - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? length - 1 : length);
}
