/**
 * The little Markdown the exercises use, as React elements (never as HTML, so no text can inject
 * markup): paragraphs, `- ` lists, ``` code blocks, and inline `code`, **bold** and _italics_.
 */

import type { ReactNode } from 'react';

const INLINE = /(`[^`\n]+`|\*\*[^*\n]+\*\*|(?<![\w*])[*_][^*_\s][^*_\n]*[*_](?![\w*]))/;

export function inlineMarkdown(text: string): ReactNode[] {
  return text
    .split(INLINE)
    .filter((part) => part !== '')
    .map((part, i) => {
      if (part.startsWith('`')) return <code key={i}>{part.slice(1, -1)}</code>;
      if (part.startsWith('**')) return <strong key={i}>{part.slice(2, -2)}</strong>;
      if (/^[*_].+[*_]$/.test(part) && part[0] === part[part.length - 1])
        return <em key={i}>{part.slice(1, -1)}</em>;
      return part;
    });
}

type Block =
  { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] } | { kind: 'code'; text: string };

function blocksOf(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    if (line.startsWith('```')) {
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) code.push(lines[i]!);
      blocks.push({ kind: 'code', text: code.join('\n') });
    } else if (line.startsWith('- ')) {
      const items = [line.slice(2)];
      for (i++; i < lines.length && (lines[i]!.startsWith('- ') || /^\s+\S/.test(lines[i]!)); i++) {
        if (lines[i]!.startsWith('- ')) items.push(lines[i]!.slice(2));
        else items[items.length - 1] += ` ${lines[i]!.trim()}`;
      }
      i--;
      blocks.push({ kind: 'list', items });
    } else {
      const text = [line];
      for (i++; i < lines.length && lines[i]!.trim() !== '' && !/^(- |```)/.test(lines[i]!); i++) {
        text.push(lines[i]!);
      }
      i--;
      blocks.push({ kind: 'paragraph', text: text.join(' ') });
    }
  }
  return blocks;
}

export function MarkdownText({ text, className }: { text: string; className?: string }) {
  return (
    <div className={`markdown ${className ?? ''}`}>
      {blocksOf(text).map((block, i) =>
        block.kind === 'paragraph' ? (
          <p key={i}>{inlineMarkdown(block.text)}</p>
        ) : block.kind === 'list' ? (
          <ul key={i}>
            {block.items.map((item, j) => (
              <li key={j}>{inlineMarkdown(item)}</li>
            ))}
          </ul>
        ) : (
          <pre key={i}>
            <code>{block.text}</code>
          </pre>
        ),
      )}
    </div>
  );
}
