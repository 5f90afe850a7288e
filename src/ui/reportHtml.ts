/**
 * The report as one self-contained HTML file: the report's markup (its SVG charts inline), the
 * page's own style rules copied in, no scripts and nothing to fetch, so it opens the same in any
 * browser or mail client. Controls (buttons, inputs, selects) are left out: the file is to read.
 */

/** Every style rule the page uses, as text (the app's sheets are all its own). */
function pageCss(): string {
  const parts: string[] = [];
  for (const sheet of Array.from(document.styleSheets)) {
    try {
      for (const rule of Array.from(sheet.cssRules)) parts.push(rule.cssText);
    } catch {
      // A sheet the page may not read has nothing of the report's.
    }
  }
  return parts.join('\n');
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The HTML document for `report` (an element on the page), titled `title`. */
export function reportHtml(report: HTMLElement, title: string): string {
  const copy = report.cloneNode(true) as HTMLElement;
  copy.querySelectorAll('button, input, select, textarea, script, .no-print, .no-export').forEach((element) => element.remove());
  for (const element of Array.from(copy.querySelectorAll('*'))) {
    for (const attribute of Array.from(element.attributes)) {
      if (/^on/i.test(attribute.name) || attribute.name === 'tabindex') element.removeAttribute(attribute.name);
    }
  }
  const css = `${pageCss()}\nbody { background: #fff; }\n@page { margin: 14mm; }`;
  return `<!doctype html>
<html lang="${document.documentElement.lang || 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeText(title)}</title>
<style>
${css.replace(/<\/style/gi, '<\\/style')}
</style>
</head>
<body>
${copy.outerHTML}
</body>
</html>
`;
}
