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
