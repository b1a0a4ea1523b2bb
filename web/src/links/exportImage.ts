/**
 * The network as a file to put in a report: the SVG as drawn (it carries its own colours and
 * fonts as attributes, so it needs no style sheet), or a PNG of it at twice the screen scale.
 */

function svgText(svg: SVGSVGElement): { text: string; width: number; height: number } {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const box = svg.viewBox.baseVal;
  const width = Math.round(box.width);
  const height = Math.round(box.height);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  // What only the page needs: focus handles and the hover state.
  copy.removeAttribute('class');
  for (const a of copy.querySelectorAll('a')) a.removeAttribute('tabindex');
  return { text: new XMLSerializer().serializeToString(copy), width, height };
}

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the URL; it can go after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function downloadSvg(svg: SVGSVGElement, name: string) {
  download(new Blob([svgText(svg).text], { type: 'image/svg+xml' }), `${name}.svg`);
}

export async function downloadPng(svg: SVGSVGElement, name: string, scale = 2) {
  const { text, width, height } = svgText(svg);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width * scale;
    canvas.height = height * scale;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const png = await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no PNG'))), 'image/png'),
    );
    download(png, `${name}.png`);
  } finally {
    URL.revokeObjectURL(url);
  }
}
