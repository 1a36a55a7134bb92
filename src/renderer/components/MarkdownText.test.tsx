import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MarkdownText } from './MarkdownText';

const html = (text: string) => renderToStaticMarkup(<MarkdownText text={text} />);

describe('MarkdownText', () => {
  it('renders paragraphs, lists, code blocks and inline marks', () => {
    expect(
      html(
        'First **bold** and `code`,\nthen _italics_ and *more*.\n\n- one `x`\n- two\n  continued\n\n```\na = 1\n```',
      ),
    ).toBe(
      '<div class="markdown "><p>First <strong>bold</strong> and <code>code</code>, then <em>italics</em> and <em>more</em>.</p>' +
        '<ul><li>one <code>x</code></li><li>two continued</li></ul><pre><code>a = 1</code></pre></div>',
    );
  });

  it('leaves underscores inside words and code alone', () => {
    expect(html('gc.DEBUG_SAVEALL and `__del__` and 2**30')).toBe(
      '<div class="markdown "><p>gc.DEBUG_SAVEALL and <code>__del__</code> and 2**30</p></div>',
    );
  });

  it('never turns text into markup', () => {
    expect(html('<img src=x onerror=alert(1)> **<b>**')).toBe(
      '<div class="markdown "><p>&lt;img src=x onerror=alert(1)&gt; <strong>&lt;b&gt;</strong></p></div>',
    );
  });
});
