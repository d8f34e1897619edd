// Why the backend in use was chosen, in words (design.md §8), for the badge: "40× faster than
// WebGPU here", "WebGPU here is a software adapter (SwiftShader)", "chosen by you"; and one line
// per backend of what the choice saw, for the badge's details.
import type { BackendChoice, BackendProbe } from '../../src/engine/api';
import { backendLabel, formatSeconds } from './format';

/** "40×", "2.3×". */
export function timesText(ratio: number): string {
  return `${ratio >= 10 ? Math.round(ratio) : ratio.toFixed(1)}×`;
}

/** The short reason shown beside the badge, or null before any choice. */
export function choiceReason(choice: BackendChoice | null): string | null {
  if (!choice) return null;
  const mine = choice.probes.find((p) => p.backend === choice.backend);
  if (choice.forced) {
    return mine?.outcome === 'software' ? `chosen by you; ${mine.reason}, slow` : 'chosen by you';
  }
  const others = choice.probes.filter((p) => p.backend !== choice.backend);
  const rivals = others
    .filter((p) => p.outcome === 'measured' && p.estimatedSec !== undefined)
    .sort((a, b) => a.estimatedSec! - b.estimatedSec!);
  const runnerUp = rivals[0];
  const soft =
    others.find((p) => p.outcome === 'software' && p.backend === 'webgpu') ??
    others.find((p) => p.outcome === 'software');
  const parts: string[] = [];
  if (runnerUp && mine?.estimatedSec)
    parts.push(
      `${timesText(runnerUp.estimatedSec! / mine.estimatedSec)} faster than ${backendLabel(runnerUp.backend)} here`,
    );
  const slow = others.find((p) => p.outcome === 'slow');
  if (slow) parts.push(`${backendLabel(slow.backend)} was too slow to measure`);
  if (soft) parts.push(`${backendLabel(soft.backend)} here is ${soft.reason}`);
  if (parts.length === 0)
    parts.push(mine?.outcome === 'measured' ? 'the fastest here' : 'the first that started');
  return parts.join('; ');
}

/** What the choice saw of one backend. */
function probeLine(p: BackendProbe): string {
  const name = backendLabel(p.backend);
  switch (p.outcome) {
    case 'measured':
      return `${name}: about ${formatSeconds(p.estimatedSec! * 1000)} for this run`;
    case 'software':
      return `${name}: ${p.reason}, not timed (a step can take minutes)`;
    case 'untimed':
      return `${name}: not timed (${p.reason})`;
    case 'slow':
      return `${name}: ${p.reason}`;
    case 'unavailable':
      return `${name}: ${p.reason}`;
    case 'failed':
      return `${name}: failed (${p.reason})`;
  }
}

/** One line per backend, in BACKEND_ORDER. */
export function choiceDetails(choice: BackendChoice | null): string[] {
  return choice ? choice.probes.map(probeLine) : [];
}
