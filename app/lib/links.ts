// Where the page links to: the YOCO paper, and the project's own findings and design notes.
// The notes are copies of docs/*.md that the build puts beside index.html (and the dev server
// serves from docs/), so the links work on any static host without a repository; see
// src/serving/docs-plugin.ts.

export const PAPER_URL = 'https://arxiv.org/abs/2310.14019';

/**
 * The source repository, shown in the intro when set. The project has no public address yet:
 * set it here (and `repository` in package.json) when it gets one.
 */
export const REPOSITORY_URL: string | null = null;

/** The notes the build serves, relative to the page (so a site in a subfolder works too). */
export const FINDINGS_URL = 'docs/findings-fashion-mnist.md';
export const DESIGN_URL = 'docs/design.md';
