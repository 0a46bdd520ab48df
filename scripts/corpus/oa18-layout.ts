// Hand-curated layout of ØA18 (seed 000), in seed line numbers (1-based, as an editor shows them).
//
// Page breaks. The seed has no form feeds, but its extraction left a mark where pages began:
// the first line of a page starts with a space and follows the previous line directly, with no
// blank line between, even in the middle of a sentence (441 " frem mod 2021. Aftalerne…",
// 627 " 2017 vil have fokus…"). A line with a leading space that follows a blank line is a
// bullet whose glyph was lost (41, 46, 51) instead. Read that way, the pages are 36–52 seed
// lines long, which fits a real A4 page of this agreement. The one place the rule does not
// apply is Boks 3 (813–818), whose bullets are packed without blank lines; they stay on the
// page that begins at 791.
export const OA18_PAGE_STARTS = [
  1, 37, 85, 131, 178, 224, 264, 302, 349, 394, 441, 486, 537, 580, 627, 673, 717, 791, 823, 855,
];

/** Chapter headings, bold and larger; a heading spread over several lines lists each line. */
export const OA18_CHAPTER_HEADINGS = [
  1, 37, 95, 207, 236, 264, 265, 302, 328, 370, 403, 471, 486, 537, 580, 598,
  717, 718, // Bilag 1. Regionernes økonomi / for 2018
  823, 824, 825, // Bilag 2. Principper for / udbetaling af den statslige, / aktivitetsbestemte pulje
];

/** Unnumbered section headings (bold, body size). */
export const OA18_SECTION_HEADINGS = [
  97, 128, 131, 146, 153, 160, 166, 172, 178, 192, 209, 221, 349, 359, 382, 394, 405, 415, 494, 510,
  530, 539, 549, 561, 568, 582, 600, 606, 617, 633, 661, 673, 681, 687, 692, 698, 705, 712, 839, 846,
  855,
];

/**
 * Bullet items as [first line, last line]. The seed lost the glyphs (a leading space is left);
 * the PDF draws "•" before the first line and indents the rest. Box bullets are double-spaced
 * in the seed, so their ranges include the blank lines between.
 */
export const OA18_BULLETS: [number, number][] = [
  [41, 44], [46, 48], [51, 51],
  // Boks 1
  [732, 734], [736, 738], [740, 742], [744, 752], [754, 756], [758, 760], [762, 770], [772, 776],
  [778, 782], [784, 790],
  // Boks 2
  [795, 797], [799, 801], [803, 807],
  // Boks 3
  [813, 813], [814, 814], [815, 817], [818, 818],
];

/**
 * Shaded boxes as [label, first line, last line]: label line ("Boks 1") and title in bold,
 * then the box text. Boks 3 ends with the paragraph about the wage analysis (820–822), which
 * the seed double-spaces like the box text.
 */
export const OA18_BOXES: [string, number, number][] = [
  ['Boks 1', 728, 790],
  ['Boks 2', 791, 807],
  ['Boks 3', 809, 822],
];

/** The line after each box label is the box title. */
export const OA18_BOX_TITLES = [730, 793, 811];
