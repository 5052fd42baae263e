/**
 * Script-injection payloads posted as comment bodies: script tags, event handlers,
 * `javascript:` and `data:` links in plain and encoded forms, Markdown link, reference and
 * image vectors, and SVG/MathML tricks. Each one, if it ran, would set `window.__pwned` or
 * open a dialog.
 */
export const XSS_CORPUS: readonly string[] = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 1">',
  '<img src=x onerror=alert(1)>',
  '<svg onload="window.__pwned = 1"><circle r="1"></circle></svg>',
  '<svg><script>window.__pwned = 1</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned = 1">',
  '<iframe src="javascript:window.__pwned = 1"></iframe>',
  '<details open ontoggle="window.__pwned = 1">x</details>',
  '<input autofocus onfocus="window.__pwned = 1">',
  '<a href="javascript:window.__pwned = 1">html link</a>',
  '<a href="https://example.com" onmouseover="window.__pwned = 1">hover</a>',
  '<object data="javascript:window.__pwned = 1"></object>',
  '<form action="javascript:window.__pwned = 1"><button>go</button></form>',
  '[md link](javascript:window.__pwned=1)',
  '[mixed case](JaVaScRiPt:window.__pwned=1)',
  '[decimal entity](&#106;avascript:window.__pwned=1)',
  '[hex entities](&#x6A;avascript&#x3A;window.__pwned=1)',
  '[named colon](javascript&colon;window.__pwned=1)',
  '[tab entity](jav&#x09;ascript:window.__pwned=1)',
  '[angle brackets](<javascript:window.__pwned=1>)',
  '[data url](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+)',
  '[vbscript](vbscript:msgbox(1))',
  '[ref link][evil]\n\n[evil]: javascript:window.__pwned=1',
  '[quote breakout](https://example.com/"onmouseover="window.__pwned=1)',
  '![image js](javascript:window.__pwned=1)',
  '![image breakout](x" onerror="window.__pwned=1)',
  '![image](https://example.invalid/pixel.png)',
  '<https://example.com/"><script>window.__pwned=1</script>>',
  '`<script>window.__pwned = 1</script>` in code, and **<b onclick="window.__pwned=1">bold</b>**',
  '<style>body { display: none }</style>',
]
