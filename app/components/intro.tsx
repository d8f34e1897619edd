// The first lines a visitor reads: what the page does and what to do first, in two plain
// sentences; the four words it cannot avoid, defined on hover and focus; and where to read more
// (the YOCO paper, this project's findings and design notes, its repository when it has one).
import { DESIGN_URL, FINDINGS_URL, PAPER_URL, REPOSITORY_URL } from '../lib/links';
import { Term } from './term';

export function Intro() {
  return (
    <section className="intro" aria-label="About this page" data-testid="intro">
      <p className="intro-text">
        Resize a condensed dataset (a few images per class that stand in for a whole training set)
        to any smaller size on your device with the two rules of the YOCO paper, then train a small
        network on what is kept to see how much accuracy the smaller set holds. Start by dragging{' '}
        <strong>Target size</strong>: the preview under it shows what is kept, and letting go trains
        on it in this browser.
      </p>
      <p className="intro-more">
        <span className="intro-terms">
          Words: <Term name="IPC" /> · <Term name="LBPE" /> · <Term name="patch" /> ·{' '}
          <Term name="factor" />
        </span>
        <span className="intro-links">
          Read:{' '}
          <a href={PAPER_URL} target="_blank" rel="noreferrer" data-testid="paper-link">
            the YOCO paper
          </a>{' '}
          ·{' '}
          <a href={FINDINGS_URL} target="_blank" rel="noreferrer" data-testid="findings-link">
            our findings
          </a>{' '}
          ·{' '}
          <a href={DESIGN_URL} target="_blank" rel="noreferrer">
            how it works
          </a>
          {REPOSITORY_URL && (
            <>
              {' '}
              ·{' '}
              <a href={REPOSITORY_URL} target="_blank" rel="noreferrer">
                the source
              </a>
            </>
          )}
        </span>
      </p>
    </section>
  );
}
