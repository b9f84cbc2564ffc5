import JSZip from 'jszip';

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

/** Each slide of a deck, in order, as the texts of its runs (`<a:t>`), XML entities read back. */
export async function slideTexts(deck: Buffer): Promise<string[][]> {
  const zip = await JSZip.loadAsync(deck);
  const names = Object.keys(zip.files)
    .filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name))
    .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1]));
  const slides: string[][] = [];
  for (const name of names) {
    const xml = await zip.files[name]!.async('string');
    slides.push([...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]!.replace(/&(amp|lt|gt|quot|apos);/g, (e) => entities[e]!)));
  }
  return slides;
}

/** The XML of the first slide whose text holds `text`: for what the texts alone do not show (a cell's fill). */
export async function slideXml(deck: Buffer, text: string): Promise<string> {
  const zip = await JSZip.loadAsync(deck);
  for (const name of Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))) {
    const xml = await zip.files[name]!.async('string');
    if (xml.includes(`<a:t>${text}</a:t>`)) return xml;
  }
  throw new Error(`no slide holds "${text}"`);
}
